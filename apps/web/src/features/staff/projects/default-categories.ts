import type { Category } from '@nabolag/schema';

/**
 * The method's eight categories (DESIGN.md, "The method's categories"), as a new project starts
 * with them. Labels, geometry types and colours follow the demo project
 * (`infra/seed/torstrand.json`); the prompts are worded for any neighbourhood.
 */
export const DEFAULT_CATEGORIES: readonly Category[] = [
  {
    key: 'meeting-places',
    labels: { nb: 'Møtesteder', nn: 'Møtestader', en: 'Meeting places' },
    prompts: {
      nb: 'Hvor møter du andre mennesker i området?',
      nn: 'Kvar møter du andre menneske i området?',
      en: 'Where do you meet other people in the area?',
    },
    geometryTypes: ['Point', 'Polygon'],
    colour: '#1f77b4',
  },
  {
    key: 'landmarks',
    labels: { nb: 'Kjennetegn', nn: 'Kjenneteikn', en: 'What characterises the area' },
    prompts: {
      nb: 'Hva kjennetegner området? Marker bygninger, steder og utsikter som gjør området til det det er.',
      nn: 'Kva kjenneteiknar området? Merk bygningar, stader og utsikter som gjer området til det det er.',
      en: 'What characterises the area? Mark the buildings, places and views that make the area what it is.',
    },
    geometryTypes: ['Point', 'LineString', 'Polygon'],
    colour: '#8c564b',
  },
  {
    key: 'show-visitors',
    labels: { nb: 'Vise besøkende', nn: 'Vise besøkande', en: 'Places to show visitors' },
    prompts: {
      nb: 'Hvor ville du tatt med en som besøker deg? Du kan også tegne turen dere ville gått.',
      nn: 'Kvar ville du teke med nokon som vitjar deg? Du kan òg teikne turen de ville gått.',
      en: 'Where would you take someone who visits you? You can also draw the walk you would take.',
    },
    geometryTypes: ['Point', 'LineString'],
    colour: '#2ca02c',
  },
  {
    key: 'community',
    labels: { nb: 'Fellesskap', nn: 'Fellesskap', en: 'Places of community' },
    prompts: {
      nb: 'Hvor kjenner du fellesskap med andre?',
      nn: 'Kvar kjenner du fellesskap med andre?',
      en: 'Where do you feel a sense of community with others?',
    },
    geometryTypes: ['Point', 'Polygon'],
    colour: '#9467bd',
  },
  {
    key: 'great-value',
    labels: { nb: 'Stor verdi', nn: 'Stor verdi', en: 'Places of great value' },
    prompts: {
      nb: 'Hvilke steder har stor verdi for deg eller for området?',
      nn: 'Kva stader har stor verdi for deg eller for området?',
      en: 'Which places are of great value to you or to the area?',
    },
    geometryTypes: ['Point', 'Polygon'],
    colour: '#e6a100',
  },
  {
    key: 'least-liked',
    labels: { nb: 'Minst likt', nn: 'Minst likt', en: 'Places you like least' },
    prompts: {
      nb: 'Hvilke steder liker du minst, eller unngår du? Fortell gjerne hvorfor.',
      nn: 'Kva stader likar du minst, eller unngår du? Fortel gjerne kvifor.',
      en: 'Which places do you like least, or avoid? Tell us why if you like.',
    },
    geometryTypes: ['Point', 'LineString', 'Polygon'],
    colour: '#d62728',
  },
  {
    key: 'most-time',
    labels: { nb: 'Bruker mest tid', nn: 'Brukar mest tid', en: 'Where you spend most time' },
    prompts: {
      nb: 'Hvor bruker du mest tid når du er i området?',
      nn: 'Kvar brukar du mest tid når du er i området?',
      en: 'Where do you spend most of your time in the area?',
    },
    geometryTypes: ['Point', 'Polygon'],
    colour: '#17becf',
  },
  {
    key: 'attached-to',
    labels: { nb: 'Føler meg knyttet til', nn: 'Kjenner meg knytt til', en: 'Places you feel attached to' },
    prompts: {
      nb: 'Hvilke steder føler du deg knyttet til?',
      nn: 'Kva stader kjenner du deg knytt til?',
      en: 'Which places do you feel attached to?',
    },
    geometryTypes: ['Point'],
    colour: '#e377c2',
  },
];

/** Colours offered to categories added by hand, in turn (distinct from the eight above). */
export const EXTRA_CATEGORY_COLOURS = ['#bcbd22', '#7f7f7f', '#393b79', '#ad494a', '#637939', '#843c39'];

/** A fresh copy of the defaults, so that editing one project never changes another's. */
export const defaultCategories = (): Category[] => structuredClone(DEFAULT_CATEGORIES) as Category[];
