import { hash, verify } from '@node-rs/argon2';
import { badInput } from '../../../core/errors';

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length, but a megabyte of "password" is only a way to burn our CPU. */
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords people pick first, in the shapes that pass the other rules (a bank's review asks for a
 * list; offline we cannot consult a breach corpus, so this is short and deliberate).
 */
const COMMON_PASSWORDS = new Set(
  [
    'Password1234',
    'Password123!',
    'Password@123',
    'P@ssw0rd1234',
    'P@ssword1234',
    'Passw0rd!234',
    'Welcome12345',
    'Welcome@2024',
    'Welcome@2025',
    'Welcome@2026',
    'Qwerty123456',
    'Qwerty@12345',
    'Admin@123456',
    'Administrator1',
    'Abcd@1234567',
    'Aa123456789!',
    'Changeme1234',
    'ChangeMe@123',
    'Iloveyou1234',
    'Letmein12345',
    'Perkmall1234',
    'Perkmall@123',
    'Zaq12wsxcde3',
    '1qaz2wsx3edc',
    '1q2w3e4r5t6y',
    'Asdfghjkl123',
  ].map((p) => p.toLowerCase()),
);

/** What is wrong with a new password, in words a person can fix; empty when it is acceptable. */
export function passwordProblems(password: string, loginName: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH)
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if ([...password].length > PASSWORD_MAX_LENGTH)
    problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('must mix at least three of: lower-case letters, upper-case letters, digits, symbols');
  const login = loginName.trim().toLowerCase();
  if (login.length >= 3 && password.toLowerCase().includes(login)) problems.push('must not contain the login name');
  if (COMMON_PASSWORDS.has(password.toLowerCase()))
    problems.push('is one of the most common passwords; choose another');
  return problems;
}

/** BAD_USER_INPUT naming every rule the password breaks, on the given input field. */
export function assertAcceptablePassword(password: string, loginName: string, field = 'password'): void {
  const problems = passwordProblems(password, loginName);
  if (problems.length > 0)
    throw badInput(
      `The ${field} ${problems.join('; ')}.`,
      problems.map((message) => ({ field, message })),
    );
}

/** argon2id (the library's default algorithm) with its default cost: 19 MiB, 2 passes, one lane (OWASP's baseline). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * A hash of nothing anyone knows: checked when the login name is unknown or has no password, so a
 * wrong name costs the same time as a wrong password and the answer does not tell them apart.
 */
let decoy: Promise<string> | undefined;

export async function passwordMatches(stored: string | null | undefined, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH * 4) return false;
  if (!stored) {
    decoy ??= hash('decoy password that is never stored anywhere');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
