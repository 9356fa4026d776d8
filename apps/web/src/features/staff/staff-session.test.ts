import type { StaffMe } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import {
  chooseOrganisation,
  holdsProjectRole,
  isOperator,
  isOrganisationAdmin,
  mayAnalyse,
  mayManageOrganisations,
  mayRunWorkshops,
  projectsOf,
} from './staff-session.ts';

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

describe('holdsProjectRole', () => {
  it('counts the effective roles the server gives per project', () => {
    const planner = user({ projectRoles: [{ project: 'torstrand', role: 'planner' }] });
    expect(holdsProjectRole(planner, 'torstrand', ['planner'])).toBe(true);
    expect(holdsProjectRole(planner, 'other', ['planner'])).toBe(false);
    expect(holdsProjectRole(planner, 'torstrand', ['admin'])).toBe(false);
  });

  it('gives a project admin every role in that project', () => {
    const admin = user({ projectRoles: [{ project: 'torstrand', role: 'admin' }] });
    expect(holdsProjectRole(admin, 'torstrand', ['facilitator'])).toBe(true);
    expect(holdsProjectRole(admin, 'other', ['facilitator'])).toBe(false);
  });

  it('gives the operator no project role by itself', () => {
    const operator = user({ operator: true });
    expect(isOperator(operator)).toBe(true);
    expect(holdsProjectRole(operator, 'torstrand', ['planner'])).toBe(false);
    expect(mayAnalyse(operator)).toBe(false);
    expect(mayManageOrganisations(operator)).toBe(true);
  });
});

describe('isOrganisationAdmin', () => {
  const person = user({
    organisations: [
      { ...larvik, roles: ['admin'] },
      { ...skien, roles: ['planner'] },
    ],
  });

  it('is per organisation', () => {
    expect(isOrganisationAdmin(person, 'larvik')).toBe(true);
    expect(isOrganisationAdmin(person, 'skien')).toBe(false);
    expect(isOrganisationAdmin(person, 'halden')).toBe(false);
  });

  it('without a slug asks whether the person administers any organisation', () => {
    expect(isOrganisationAdmin(person)).toBe(true);
    expect(isOrganisationAdmin(user({ organisations: [{ ...skien, roles: ['planner'] }] }))).toBe(false);
  });
});

describe('mayRunWorkshops and mayAnalyse', () => {
  it('count organisation roles and single-project roles', () => {
    const facilitator = user({ organisations: [{ ...larvik, roles: ['facilitator'] }] });
    expect(mayRunWorkshops(facilitator)).toBe(true);
    expect(mayAnalyse(facilitator)).toBe(false);
    const projectPlanner = user({ projectRoles: [{ project: 'torstrand', role: 'planner' }] });
    expect(mayAnalyse(projectPlanner)).toBe(true);
    expect(mayRunWorkshops(user({}))).toBe(false);
  });
});

describe('chooseOrganisation', () => {
  const person = user({
    organisations: [
      { ...skien, roles: ['planner'] },
      { ...larvik, roles: ['admin'] },
    ],
  });

  it('keeps the remembered organisation while the person belongs to it', () => {
    expect(chooseOrganisation(person, 'skien')).toBe('skien');
  });

  it('otherwise starts in the first organisation the person administers', () => {
    expect(chooseOrganisation(person, 'halden')).toBe('larvik');
    expect(chooseOrganisation(person, null)).toBe('larvik');
  });

  it('falls back to the first membership, and to none for an operator without any', () => {
    expect(chooseOrganisation(user({ organisations: [{ ...skien, roles: ['planner'] }] }), null)).toBe(
      'skien',
    );
    expect(chooseOrganisation(user({ operator: true }), 'larvik')).toBeNull();
  });
});

describe('projectsOf', () => {
  const projects = [
    { slug: 'torstrand', organisation: 'larvik' },
    { slug: 'kjorbekk', organisation: 'skien' },
  ];

  it('keeps only the chosen organisation’s projects', () => {
    expect(projectsOf(projects, 'skien').map((project) => project.slug)).toEqual(['kjorbekk']);
    expect(projectsOf(projects, 'halden')).toEqual([]);
  });

  it('keeps all without a chosen organisation', () => {
    expect(projectsOf(projects, null)).toHaveLength(2);
  });
});
