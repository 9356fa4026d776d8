import { describe, expect, it } from 'vitest';
import {
  ACCESSIBILITY_PATH,
  matchRoute,
  myPlacesPath,
  privacyPath,
  projectPath,
  resultsPath,
} from './routes.ts';

describe('matchRoute', () => {
  it('shows the project list at the root', () => {
    expect(matchRoute('/')).toEqual({ page: 'projects' });
  });

  it('shows a project map at /p/:slug, with or without a trailing slash', () => {
    expect(matchRoute('/p/torstrand')).toEqual({ page: 'project', slug: 'torstrand' });
    expect(matchRoute('/p/torstrand/')).toEqual({ page: 'project', slug: 'torstrand' });
  });

  it("shows the participant's own contributions at /p/:slug/me", () => {
    expect(matchRoute('/p/torstrand/me')).toEqual({ page: 'me', slug: 'torstrand' });
    expect(matchRoute('/p/torstrand/me/')).toEqual({ page: 'me', slug: 'torstrand' });
    expect(matchRoute('/p/Tor%20strand/me')).toEqual({ page: 'not-found' });
  });

  it("shows a project's privacy notice at /p/:slug/privacy", () => {
    expect(matchRoute('/p/torstrand/privacy')).toEqual({ page: 'privacy', slug: 'torstrand' });
    expect(matchRoute('/p/torstrand/privacy/')).toEqual({ page: 'privacy', slug: 'torstrand' });
    expect(matchRoute('/p/Tor%20strand/privacy')).toEqual({ page: 'not-found' });
  });

  it("shows a project's results at /p/:slug/results", () => {
    expect(matchRoute('/p/torstrand/results')).toEqual({ page: 'results', slug: 'torstrand' });
    expect(matchRoute('/p/torstrand/results/')).toEqual({ page: 'results', slug: 'torstrand' });
    expect(matchRoute('/p/Tor%20strand/results')).toEqual({ page: 'not-found' });
    expect(matchRoute('/p/torstrand/results/extra')).toEqual({ page: 'not-found' });
  });

  it('shows the accessibility statement at /accessibility', () => {
    expect(matchRoute('/accessibility')).toEqual({ page: 'accessibility' });
    expect(matchRoute('/accessibility/')).toEqual({ page: 'accessibility' });
  });

  it('does not find a slug the contract would refuse', () => {
    expect(matchRoute('/p/Tor%20strand')).toEqual({ page: 'not-found' });
    expect(matchRoute('/p/%E0%A4%A')).toEqual({ page: 'not-found' });
  });

  it('hands /staff and everything under it to the staff pages', () => {
    expect(matchRoute('/staff')).toEqual({ page: 'staff' });
    expect(matchRoute('/staff/projects/torstrand')).toEqual({ page: 'staff' });
    expect(matchRoute('/staffroom')).toEqual({ page: 'not-found' });
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

describe('myPlacesPath', () => {
  it('is the path matchRoute reads back', () => {
    expect(matchRoute(myPlacesPath('torstrand'))).toEqual({ page: 'me', slug: 'torstrand' });
  });
});

describe('privacyPath', () => {
  it('is the path matchRoute reads back', () => {
    expect(matchRoute(privacyPath('torstrand'))).toEqual({ page: 'privacy', slug: 'torstrand' });
  });
});

describe('resultsPath', () => {
  it('is the path matchRoute reads back', () => {
    expect(matchRoute(resultsPath('torstrand'))).toEqual({ page: 'results', slug: 'torstrand' });
  });
});

describe('ACCESSIBILITY_PATH', () => {
  it('is the path matchRoute reads back', () => {
    expect(matchRoute(ACCESSIBILITY_PATH)).toEqual({ page: 'accessibility' });
  });
});

describe('workshop routes', () => {
  it('matches a workshop tablet and its projector by session code', () => {
    expect(matchRoute('/w/abc234')).toEqual({ page: 'kiosk', code: 'ABC234' });
    expect(matchRoute('/w/ABC234/projector/')).toEqual({ page: 'projector', code: 'ABC234' });
    expect(matchRoute('/w/ab')).toEqual({ page: 'not-found' });
    expect(matchRoute('/w/ABC234/other')).toEqual({ page: 'not-found' });
  });
});
