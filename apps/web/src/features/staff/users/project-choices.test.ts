import { describe, expect, it } from 'vitest';
import { projectChoices } from './project-choices.ts';

const torstrand = { slug: 'torstrand', title: 'Torstrand' };
const stavern = { slug: 'stavern', title: 'Stavern sentrum' };

describe('projectChoices', () => {
  it('offers the projects as they are when every role names one of them', () => {
    expect(projectChoices([torstrand, stavern], [{ project: 'stavern', role: 'planner' }])).toEqual([
      torstrand,
      stavern,
    ]);
  });

  it('adds a project the page cannot name, once, under its slug', () => {
    // The operator lists no projects of an organisation they are not in.
    expect(
      projectChoices(
        [],
        [
          { project: 'kverndalen', role: 'planner' },
          { project: 'kverndalen', role: 'facilitator' },
        ],
      ),
    ).toEqual([{ slug: 'kverndalen', title: 'kverndalen' }]);
    expect(projectChoices([torstrand], [{ project: 'kverndalen', role: 'admin' }])).toEqual([
      torstrand,
      { slug: 'kverndalen', title: 'kverndalen' },
    ]);
  });
});
