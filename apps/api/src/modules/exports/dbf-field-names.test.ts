import { describe, expect, it } from 'vitest';
import { dbfFieldNames } from './dbf-field-names.ts';

describe('dBASE field names', () => {
  it('keeps names of up to 10 characters and shortens longer ones to 10 with a tag', () => {
    const names = dbfFieldNames(['id', 'sess_title', 'q_version', 'q_group_size', 'q_how_often_label']);
    expect(names.get('id')).toBe('id');
    expect(names.get('sess_title')).toBe('sess_title');
    expect(names.get('q_version')).toBe('q_version');
    expect(names.get('q_group_size')).toMatch(/^q_grou_[0-9a-z]{3}$/);
    expect(names.get('q_how_often_label')).toMatch(/^q_how_[0-9a-z]{3}$/);
  });

  it('gives a column the same name whatever other columns there are', () => {
    const alone = dbfFieldNames(['q_how_often']).get('q_how_often');
    const among = dbfFieldNames(['q_who__friends', 'q_how_often_label', 'q_how_often']).get('q_how_often');
    expect(among).toBe(alone);
  });

  it('makes every name unique, ignoring case, even for many options with one prefix', () => {
    const options = Array.from({ length: 30 }, (_, index) => `q_who__option_${index}`);
    const names = dbfFieldNames(['ID', 'id', ...options, 'q_who_']);
    const fields = [...names.values()];
    expect(fields).toHaveLength(33);
    expect(new Set(fields.map((field) => field.toLowerCase())).size).toBe(33);
    for (const field of fields) expect(field).toMatch(/^[A-Za-z0-9_]{1,10}$/);
    expect(names.get('ID')).toBe('ID');
    expect(names.get('id')).not.toBe('id');
  });
});
