import { describe, expect, it } from 'vitest';
import { matchRoute, projectPath } from './routes.ts';

describe('matchRoute', () => {
  it('shows the project list at the root', () => {
    expect(matchRoute('/')).toEqual({ page: 'projects' });
  });

  it('shows a project map at /p/:slug, with or without a trailing slash', () => {
    expect(matchRoute('/p/torstrand')).toEqual({ page: 'project', slug: 'torstrand' });
    expect(matchRoute('/p/torstrand/')).toEqual({ page: 'project', slug: 'torstrand' });
  });

  it('does not find a slug the contract would refuse', () => {
    expect(matchRoute('/p/Tor%20strand')).toEqual({ page: 'not-found' });
    expect(matchRoute('/p/%E0%A4%A')).toEqual({ page: 'not-found' });
  });

  it('does not find unknown paths', () => {
    expect(matchRoute('/nowhere')).toEqual({ page: 'not-found' });
    expect(matchRoute('/p/torstrand/extra/deep')).toEqual({ page: 'not-found' });
  });
});

describe('projectPath', () => {
  it('is the path matchRoute reads back', () => {
    expect(matchRoute(projectPath('torstrand'))).toEqual({ page: 'project', slug: 'torstrand' });
  });
});
