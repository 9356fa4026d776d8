/**
 * Automatic flags for stories: contact details and names that make a person identifiable, and
 * abusive words (Norwegian and English). A flag puts a story in front of a moderator; contact
 * details and abuse also hold it back from publishing until a moderator decides.
 */
export interface StoryFlag {
  reason: 'email' | 'phone' | 'personal-name' | 'abusive';
  /** Whether the story waits for a moderator even when the project publishes at once. */
  holdBack: boolean;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
// Norwegian numbers are 8 digits (often grouped 3-2-3 or 2-2-2-2), optionally with +47 or 0047.
const PHONE =
  /(?:\+|00)\d{2}[\s.-]?\d(?:[\s.-]?\d){6,11}|\b\d{2}(?:[\s.-]?\d{2}){3}\b|\b\d{3}[\s.-]?\d{2}[\s.-]?\d{3}\b/;
// "Ola Nordmann", "Kari Anne Hansen": two or more capitalised words in a row, not at a sentence start.
const NAME_LIKE = /(?<![.!?]\s|^)\b\p{Lu}\p{Ll}{1,}\s+\p{Lu}\p{Ll}{2,}\b/u;
const ABUSIVE_WORDS = [
  // nb/nn
  'faen',
  'helvete',
  'jævla',
  'jævlig',
  'hore',
  'fitte',
  'kuk',
  'idiot',
  'hestkuk',
  'neger',
  'svarting',
  'homo',
  'drittsekk',
  'kjerring',
  // en
  'fuck',
  'fucking',
  'shit',
  'bitch',
  'cunt',
  'whore',
  'retard',
  'nigger',
  'faggot',
  'asshole',
];
const ABUSIVE = new RegExp(`(?<![\\p{L}])(?:${ABUSIVE_WORDS.join('|')})(?![\\p{L}])`, 'iu');

export function flagStory(story: string | null | undefined): StoryFlag[] {
  if (!story) return [];
  const flags: StoryFlag[] = [];
  if (EMAIL.test(story)) flags.push({ reason: 'email', holdBack: true });
  if (PHONE.test(story)) flags.push({ reason: 'phone', holdBack: true });
  if (NAME_LIKE.test(story)) flags.push({ reason: 'personal-name', holdBack: false });
  if (ABUSIVE.test(story)) flags.push({ reason: 'abusive', holdBack: true });
  return flags;
}
