import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../lib/storage.ts';
import {
  answersFromProfile,
  forgetFirstSend,
  noAnswers,
  profileFromAnswers,
  readFirstSend,
  rememberFirstSend,
} from './first-send.ts';

describe('first-send record', () => {
  it('is empty for a project never sent to', () => {
    expect(readFirstSend('torstrand', memoryStorage())).toEqual({});
  });

  it('remembers consent and the answer to the questions per project', () => {
    const storage = memoryStorage();
    rememberFirstSend('torstrand', storage, { questions: 'skipped' });
    rememberFirstSend('torstrand', storage, { consentedAt: '2025-06-07T10:00:00Z' });
    expect(readFirstSend('torstrand', storage)).toEqual({
      questions: 'skipped',
      consentedAt: '2025-06-07T10:00:00Z',
    });
    expect(readFirstSend('elsewhere', storage)).toEqual({});
  });

  it('reads something unreadable as nothing remembered', () => {
    const storage = memoryStorage();
    storage.setItem('nabolag:first-send:torstrand', '{not json');
    expect(readFirstSend('torstrand', storage)).toEqual({});
    storage.setItem('nabolag:first-send:torstrand', '{"questions":"maybe"}');
    expect(readFirstSend('torstrand', storage)).toEqual({});
  });

  it('forgets everything after an erasure', () => {
    const storage = memoryStorage();
    rememberFirstSend('torstrand', storage, { questions: 'answered', consentedAt: 'x' });
    forgetFirstSend('torstrand', storage);
    expect(readFirstSend('torstrand', storage)).toEqual({});
  });
});

describe('profileFromAnswers', () => {
  it('leaves out what was not answered', () => {
    expect(profileFromAnswers(noAnswers())).toEqual({ ok: true, profile: {} });
  });

  it('sends the answers given, relations in the schema order', () => {
    expect(
      profileFromAnswers({ ageBand: '30-44', relation: ['visitor', 'lives'], yearsInArea: ' 12 ' }),
    ).toEqual({ ok: true, profile: { ageBand: '30-44', relation: ['lives', 'visitor'], yearsInArea: 12 } });
  });

  it('refuses years that are not a whole number from 0 to 120', () => {
    for (const yearsInArea of ['1.5', '-2', '121', 'fem', '5 år']) {
      expect(profileFromAnswers({ ...noAnswers(), yearsInArea })).toEqual({ ok: false, problem: 'years' });
    }
    expect(profileFromAnswers({ ...noAnswers(), yearsInArea: '0' })).toEqual({
      ok: true,
      profile: { yearsInArea: 0 },
    });
  });

  it('reads back what answersFromProfile gives', () => {
    const profile = { ageBand: '67-79', relation: ['grew-up'], yearsInArea: 40 } as const;
    expect(profileFromAnswers(answersFromProfile({ ...profile, relation: [...profile.relation] }))).toEqual({
      ok: true,
      profile,
    });
  });
});
