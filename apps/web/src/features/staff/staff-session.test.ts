import type { StaffUser } from '@nabolag/schema';
import { describe, expect, it } from 'vitest';
import { holdsProjectRole, isInstanceAdmin } from './staff-session.ts';

const user = (changes: Partial<StaffUser>): StaffUser => ({
  id: '5b0e6a0c-57f8-4a43-9c1e-0c0f5f2b8a11',
  email: 'kari@larvik.kommune.no',
  name: 'Kari',
  roles: [],
  projectRoles: [],
  disabled: false,
  ...changes,
});

describe('holdsProjectRole', () => {
  it('gives an instance admin every role everywhere', () => {
    expect(holdsProjectRole(user({ roles: ['admin'] }), 'torstrand', ['planner'])).toBe(true);
    expect(isInstanceAdmin(user({ roles: ['admin'] }))).toBe(true);
  });

  it('counts a role held in that project only', () => {
    const planner = user({ projectRoles: [{ project: 'torstrand', role: 'planner' }] });
    expect(holdsProjectRole(planner, 'torstrand', ['planner'])).toBe(true);
    expect(holdsProjectRole(planner, 'other', ['planner'])).toBe(false);
    expect(holdsProjectRole(planner, 'torstrand', ['admin'])).toBe(false);
  });

  it('gives a project admin every role in that project', () => {
    const admin = user({ projectRoles: [{ project: 'torstrand', role: 'admin' }] });
    expect(holdsProjectRole(admin, 'torstrand', ['facilitator'])).toBe(true);
    expect(isInstanceAdmin(admin)).toBe(false);
  });
});
