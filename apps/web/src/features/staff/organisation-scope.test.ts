import type { StaffMe } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { auditChoices, auditOrganisation, organisationNameOf, pickerProjects } from './organisation-scope.ts';

const user = (changes: Partial<StaffMe>): StaffMe => ({
  id: '5b0e6a0c-57f8-4a43-9c1e-0c0f5f2b8a11',
  email: 'kari@larvik.kommune.no',
  name: 'Kari',
  operator: false,
  organisations: [],
  projectRoles: [],
  ...changes,
});

const larvik = { slug: 'larvik', name: 'Larvik kommune' };
const skien = { slug: 'skien', name: 'Skien kommune' };

// As `GET /api/staff/projects` lists them: only projects where the person holds a role.
const torstrand = { slug: 'torstrand', organisation: 'larvik' };
const stavern = { slug: 'stavern', organisation: 'larvik' };
const kverndalen = { slug: 'kverndalen', organisation: 'skien' };
const listed = [torstrand, stavern, kverndalen];

// Admin in Larvik (effective admin in both its projects), facilitator in one Skien project.
const kari = user({
  organisations: [
    { ...larvik, roles: ['admin'] },
    { ...skien, roles: [] },
  ],
  projectRoles: [
    { project: 'torstrand', role: 'admin' },
    { project: 'stavern', role: 'admin' },
    { project: 'kverndalen', role: 'facilitator' },
  ],
});

describe('pickerProjects', () => {
  it('offers only the projects of the organisation worked in', () => {
    expect(pickerProjects(listed, kari, 'larvik', null).projects).toEqual([torstrand, stavern]);
    expect(pickerProjects(listed, kari, 'skien', null).projects).toEqual([kverndalen]);
  });

  it('offers only projects where the person holds one of the roles', () => {
    expect(pickerProjects(listed, kari, 'skien', ['planner', 'facilitator']).projects).toEqual([kverndalen]);
    // A facilitator does not read the analysis.
    expect(pickerProjects(listed, kari, 'skien', ['planner']).projects).toEqual([]);
    expect(pickerProjects(listed, kari, 'larvik', ['planner']).projects).toEqual([torstrand, stavern]);
  });

  it('offers everything listed to an operator outside every organisation', () => {
    const operator = user({ operator: true, projectRoles: [{ project: 'kverndalen', role: 'planner' }] });
    expect(pickerProjects(listed, operator, null, null).projects).toEqual(listed);
    expect(pickerProjects(listed, operator, null, ['planner']).projects).toEqual([kverndalen]);
  });

  it('keeps an open project of another organisation apart', () => {
    const picked = pickerProjects(listed, kari, 'larvik', null, 'kverndalen');
    expect(picked.projects).toEqual([torstrand, stavern]);
    expect(picked.outside).toEqual(kverndalen);
    expect(pickerProjects(listed, kari, 'larvik', null, 'stavern').outside).toBeNull();
  });

  it('does not offer an open project the person has no such role in', () => {
    expect(pickerProjects(listed, kari, 'larvik', ['planner'], 'kverndalen').outside).toBeNull();
    expect(pickerProjects(listed, kari, 'larvik', null, 'unknown').outside).toBeNull();
  });
});

describe('organisationNameOf', () => {
  it('prefers the loaded organisations, then the membership, then the slug', () => {
    expect(organisationNameOf('larvik', kari, [{ slug: 'larvik', name: 'Larvik' }])).toBe('Larvik');
    expect(organisationNameOf('skien', kari, null)).toBe('Skien kommune');
    expect(organisationNameOf('halden', kari, [])).toBe('halden');
  });
});

describe('audit scope', () => {
  const everyOrganisation = [{ slug: 'default' }, { slug: 'larvik' }, { slug: 'skien' }];

  it('lets the operator read every organisation, and everything by default', () => {
    const operator = user({
      operator: true,
      organisations: [{ slug: 'default', name: 'Nabolag', roles: ['admin'] }],
    });
    const choices = auditChoices(operator, everyOrganisation);
    expect(choices).toEqual({ slugs: ['default', 'larvik', 'skien'], all: true });
    expect(auditOrganisation(operator, choices, 'default', undefined)).toBeNull();
    expect(auditOrganisation(operator, choices, 'default', 'skien')).toBe('skien');
    expect(auditOrganisation(operator, choices, 'default', null)).toBeNull();
    // Before the organisations load, the operator still reads their own and everything.
    expect(auditChoices(operator, null)).toEqual({ slugs: ['default'], all: true });
  });

  it('narrows an admin to the organisation worked in', () => {
    const choices = auditChoices(kari, everyOrganisation);
    // Kari is a member of Skien without administering it: its log is not hers to read.
    expect(choices).toEqual({ slugs: ['larvik'], all: false });
    expect(auditOrganisation(kari, choices, 'larvik', undefined)).toBe('larvik');
    // Working in Skien: still Larvik's log, the only one she administers.
    expect(auditOrganisation(kari, choices, 'skien', undefined)).toBe('larvik');
    // Neither "all" nor another organisation can be picked.
    expect(auditOrganisation(kari, choices, 'larvik', null)).toBe('larvik');
    expect(auditOrganisation(kari, choices, 'larvik', 'skien')).toBe('larvik');
  });

  it('lets an admin of several read one or all of them', () => {
    const both = user({
      organisations: [
        { ...larvik, roles: ['admin'] },
        { ...skien, roles: ['admin', 'planner'] },
      ],
    });
    const choices = auditChoices(both, everyOrganisation);
    expect(choices).toEqual({ slugs: ['larvik', 'skien'], all: true });
    expect(auditOrganisation(both, choices, 'skien', undefined)).toBe('skien');
    expect(auditOrganisation(both, choices, 'skien', null)).toBeNull();
    expect(auditOrganisation(both, choices, 'skien', 'larvik')).toBe('larvik');
    expect(auditOrganisation(both, choices, null, undefined)).toBeNull();
  });
});
