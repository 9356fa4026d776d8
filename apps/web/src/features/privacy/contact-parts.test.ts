import { describe, expect, it } from 'vitest';
import { basemapHosts, contactParts } from './contact-parts.ts';

describe('contactParts', () => {
  it('links an e-mail address and keeps the words around it', () => {
    expect(contactParts('Larvik kommune, personvern@larvik.kommune.no.')).toEqual([
      { kind: 'text', text: 'Larvik kommune, ' },
      { kind: 'email', text: 'personvern@larvik.kommune.no', href: 'mailto:personvern@larvik.kommune.no' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('links a Norwegian phone number written in groups', () => {
    expect(contactParts('tlf. +47 33 17 10 00')).toEqual([
      { kind: 'text', text: 'tlf. ' },
      { kind: 'phone', text: '+47 33 17 10 00', href: 'tel:+4733171000' },
    ]);
  });

  it('links a web address without the full stop after it', () => {
    expect(contactParts('Se https://www.larvik.kommune.no/personvern.')).toEqual([
      { kind: 'text', text: 'Se ' },
      {
        kind: 'web',
        text: 'https://www.larvik.kommune.no/personvern',
        href: 'https://www.larvik.kommune.no/personvern',
      },
      { kind: 'text', text: '.' },
    ]);
  });

  it('leaves a text without addresses as it is', () => {
    expect(contactParts('Personvernombudet i kommunen')).toEqual([
      { kind: 'text', text: 'Personvernombudet i kommunen' },
    ]);
  });

  it('gives nothing for an empty contact', () => {
    expect(contactParts('')).toEqual([]);
  });
});

describe('basemapHosts', () => {
  it('names each host of a tile template once', () => {
    expect(
      basemapHosts([
        'https://cache.kartverket.no/v1/wmts/1.0.0/topograatone/default/webmercator/{z}/{y}/{x}.png',
        'https://cache.kartverket.no/other/{z}/{x}/{y}.png',
      ]),
    ).toEqual(['cache.kartverket.no']);
  });

  it('skips a relative address, which this site serves itself', () => {
    expect(basemapHosts(['/tiles/{z}/{x}/{y}.png'])).toEqual([]);
  });
});
