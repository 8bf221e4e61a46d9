import { hash } from '@node-rs/argon2';
import { badInput } from '../../../core/errors';

// The sign-in branch brings services/passwords.ts with these rules (and a short list of common
// passwords); once it is on main, invitations use it and this file goes.

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length, but a megabyte of "password" is only a way to burn our CPU. */
export const PASSWORD_MAX_LENGTH = 128;

/** What is wrong with a new password, in words a person can fix; empty when it is acceptable. */
export function passwordProblems(password: string, loginName: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('must mix at least three of: lower-case letters, upper-case letters, digits, symbols');
  const login = loginName.trim().toLowerCase();
  if (login.length > 0 && password.toLowerCase().includes(login)) problems.push('must not contain the login name');
  return problems;
}

/** BAD_USER_INPUT naming every rule the password breaks. */
export function assertAcceptablePassword(password: string, loginName: string, field = 'password'): void {
  const problems = passwordProblems(password, loginName);
  if (problems.length > 0)
    throw badInput(
      `The ${field} ${problems.join('; ')}.`,
      problems.map((message) => ({ field, message })),
    );
}

/** argon2id (the library's default algorithm) at its default cost: 19 MiB, 2 passes, one lane (OWASP's baseline). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}
