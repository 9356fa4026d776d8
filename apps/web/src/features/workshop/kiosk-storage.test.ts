import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../lib/storage.ts';
import {
  checkPin,
  hasPin,
  isValidPin,
  rememberGroup,
  setPin,
  storedGroup,
  tabletId,
} from './kiosk-storage.ts';

describe('kiosk storage', () => {
  it('makes the tablet id once and keeps it', () => {
    const storage = memoryStorage();
    const id = tabletId(storage);
    expect(id).toMatch(/^[A-Za-z0-9_-]{1,60}$/);
    expect(tabletId(storage)).toBe(id);
  });

  it('remembers the table only while the session still has it', () => {
    const storage = memoryStorage();
    rememberGroup(storage, 'ABC234', 'Bord 2');
    expect(storedGroup(storage, 'ABC234', ['Bord 1', 'Bord 2'])).toBe('Bord 2');
    expect(storedGroup(storage, 'ABC234', ['Bord 1'])).toBeNull();
    expect(storedGroup(storage, 'XYZ789', ['Bord 2'])).toBeNull();
  });

  it('keeps the PIN as a salted hash and checks it', async () => {
    const storage = memoryStorage();
    expect(isValidPin('123')).toBe(false);
    expect(isValidPin('123456789')).toBe(false);
    expect(isValidPin('4321')).toBe(true);
    expect(hasPin(storage)).toBe(false);
    await setPin(storage, '4321');
    expect(hasPin(storage)).toBe(true);
    expect(storage.getItem('nabolag:kiosk:pin')).not.toContain('4321');
    expect(await checkPin(storage, '4321')).toBe(true);
    expect(await checkPin(storage, '1234')).toBe(false);
  });
});
