import { describe, expect, it } from 'vitest';
import { matchStaffRoute, organisationFromSearch, queueFromSearch, staffPaths } from './staff-routes.ts';

describe('matchStaffRoute', () => {
  it('opens the organisations list and one organisation', () => {
    expect(matchStaffRoute('/staff/organisations')).toEqual({ page: 'organisations' });
    expect(matchStaffRoute(staffPaths.organisation('indre-ostfold'))).toEqual({
      page: 'organisation',
      slug: 'indre-ostfold',
    });
    expect(matchStaffRoute('/staff/organisations/Not%20one')).toEqual({ page: 'not-found' });
    expect(matchStaffRoute('/staff/organisations/larvik/more')).toEqual({ page: 'not-found' });
  });

  it('reads the organisation of the users page from the query', () => {
    expect(organisationFromSearch(staffPaths.users('larvik').split('?')[1] ?? '')).toBe('larvik');
    expect(organisationFromSearch('?organisation=NOT%20VALID')).toBeNull();
    expect(organisationFromSearch('')).toBeNull();
  });

  it('shows the project list at /staff and /staff/projects', () => {
    expect(matchStaffRoute('/staff')).toEqual({ page: 'projects' });
    expect(matchStaffRoute('/staff/')).toEqual({ page: 'projects' });
    expect(matchStaffRoute('/staff/projects')).toEqual({ page: 'projects' });
  });

  it('tells a new project from an existing one', () => {
    expect(matchStaffRoute('/staff/projects/new')).toEqual({ page: 'project-new' });
    expect(matchStaffRoute('/staff/projects/torstrand')).toEqual({ page: 'project-edit', slug: 'torstrand' });
  });

  it('opens the export page of a project', () => {
    expect(matchStaffRoute('/staff/projects/torstrand/export')).toEqual({
      page: 'project-export',
      slug: 'torstrand',
    });
    expect(matchStaffRoute(staffPaths.projectExport('a-b'))).toEqual({ page: 'project-export', slug: 'a-b' });
    expect(matchStaffRoute('/staff/projects/torstrand/export/more')).toEqual({ page: 'not-found' });
    expect(matchStaffRoute('/staff/projects/torstrand/elsewhere')).toEqual({ page: 'not-found' });
  });

  it('opens the updates editor of a project', () => {
    expect(matchStaffRoute('/staff/projects/torstrand/updates')).toEqual({
      page: 'project-updates',
      slug: 'torstrand',
    });
    expect(matchStaffRoute(staffPaths.projectUpdates('a-b'))).toEqual({
      page: 'project-updates',
      slug: 'a-b',
    });
    expect(matchStaffRoute('/staff/projects/torstrand/updates/more')).toEqual({ page: 'not-found' });
    expect(matchStaffRoute('/staff/projects/Not%20a%20slug/updates')).toEqual({ page: 'not-found' });
  });

  it('opens moderation with or without a project', () => {
    expect(matchStaffRoute('/staff/moderation')).toEqual({ page: 'moderation', slug: null });
    expect(matchStaffRoute('/staff/moderation/torstrand')).toEqual({ page: 'moderation', slug: 'torstrand' });
  });

  it('opens the analysis of a project, its printable report, and the project choice', () => {
    expect(matchStaffRoute('/staff/analysis')).toEqual({ page: 'analysis', slug: null });
    expect(matchStaffRoute(staffPaths.analysis('torstrand'))).toEqual({
      page: 'analysis',
      slug: 'torstrand',
    });
    expect(matchStaffRoute(staffPaths.analysisReport('torstrand'))).toEqual({
      page: 'analysis-report',
      slug: 'torstrand',
    });
    expect(matchStaffRoute('/staff/analysis/torstrand/other')).toEqual({ page: 'not-found' });
    expect(matchStaffRoute('/staff/analysis/torstrand/report/x')).toEqual({ page: 'not-found' });
    expect(matchStaffRoute('/staff/analysis/Not%20a%20slug')).toEqual({ page: 'not-found' });
  });

  it('opens workshops per project and the console of one session', () => {
    expect(matchStaffRoute('/staff/workshops')).toEqual({ page: 'workshops', slug: null });
    expect(matchStaffRoute('/staff/workshops/torstrand')).toEqual({ page: 'workshops', slug: 'torstrand' });
    expect(matchStaffRoute(staffPaths.workshopConsole('torstrand', 'abc234'))).toEqual({
      page: 'workshop-console',
      slug: 'torstrand',
      code: 'ABC234',
    });
    expect(matchStaffRoute('/staff/workshops/torstrand/ab-c')).toEqual({ page: 'not-found' });
    expect(matchStaffRoute('/staff/workshops/torstrand/ABC234/x')).toEqual({ page: 'not-found' });
  });

  it('does not find malformed slugs or unknown pages', () => {
    expect(matchStaffRoute('/staff/projects/Tor%20strand')).toEqual({ page: 'not-found' });
    expect(matchStaffRoute('/staff/users/extra')).toEqual({ page: 'not-found' });
    expect(matchStaffRoute('/staff/nowhere')).toEqual({ page: 'not-found' });
  });

  it('reads back the paths it gives out', () => {
    expect(matchStaffRoute(staffPaths.project('a-b'))).toEqual({ page: 'project-edit', slug: 'a-b' });
    expect(matchStaffRoute(staffPaths.moderation('a-b', 'hidden').split('?')[0] as string)).toEqual({
      page: 'moderation',
      slug: 'a-b',
    });
  });
});

describe('queueFromSearch', () => {
  it('reads a known queue and falls back to pending', () => {
    expect(queueFromSearch('?queue=hidden')).toBe('hidden');
    expect(queueFromSearch('?queue=everything')).toBe('pending');
    expect(queueFromSearch('')).toBe('pending');
  });
});
