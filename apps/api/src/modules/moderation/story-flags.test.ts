import { describe, expect, it } from 'vitest';
import { flagStory } from './story-flags.ts';

const reasons = (story: string) => flagStory(story).map((flag) => flag.reason);

describe('flagStory', () => {
  it('passes an ordinary story', () => {
    expect(reasons('Vi møtes på benken ved kirka hver søndag. Det er fint der om sommeren.')).toEqual([]);
  });

  it('flags e-mail addresses and holds them back', () => {
    expect(flagStory('Skriv til meg på kari.nordmann@example.no')).toEqual([
      { reason: 'email', holdBack: true },
    ]);
  });

  it('flags Norwegian phone numbers in their usual forms', () => {
    for (const story of ['Ring 912 34 567', 'ring 91234567', 'tlf +47 912 34 567', 'tlf 22 33 44 55']) {
      expect(reasons(story)).toContain('phone');
    }
  });

  it('does not take years or house numbers for phone numbers', () => {
    expect(reasons('Bygget i 1924, Storgata 12')).not.toContain('phone');
  });

  it('flags name-like word pairs without holding the story back', () => {
    expect(flagStory('Her bodde Ola Nordmann i mange år')).toContainEqual({
      reason: 'personal-name',
      holdBack: false,
    });
  });

  it('flags abusive words in Norwegian and English, as whole words only', () => {
    expect(reasons('for en jævla plass')).toContain('abusive');
    expect(reasons('this place is shit')).toContain('abusive');
    expect(reasons('Skitt fiske')).not.toContain('abusive');
    expect(reasons('Hvor homogen er bebyggelsen?')).not.toContain('abusive');
  });
});
