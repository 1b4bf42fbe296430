import { ZxcvbnFactory, type OptionsType } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";

/**
 * Which new passwords are accepted (registration, reset, change). Length is
 * the form's rule (12 to 128 characters, app/utils/validation.ts); here:
 * - a password on the list of common and breached passwords that
 *   @zxcvbn-ts/language-common ships (about 50,000, from public breach
 *   corpora) is refused as such: the list is in the package, so nothing is
 *   sent anywhere to check it;
 * - anything else is measured with zxcvbn and refused below score 3 ("safely
 *   unguessable: moderate protection from offline slow-hash scenario"), with
 *   its feedback: what makes it guessable and what would help.
 * Composition rules (a digit, a capital) are not asked for (ASVS 2.1.9).
 */
export const MINIMUM_SCORE = 3;

/** Words anyone would try first against this site's accounts. */
const SITE_WORDS = ["durable", "kosovo", "kosova", "returns", "reintegration"];

let estimator: ZxcvbnFactory | undefined;
let breached: Set<string> | undefined;

// Feedback comes back as our own message keys (account.strength.*), translated like every other message.
function keysOf<T extends Record<string, unknown>>(group: string, messages: T): Record<keyof T, string> {
  return Object.fromEntries(Object.keys(messages).map((key) => [key, `account.strength.${group}.${key}`])) as Record<keyof T, string>;
}

/** Built on first use: the dictionaries take about a second to load, and most requests never need them. */
function zxcvbn(): ZxcvbnFactory {
  if (!estimator) {
    const options: OptionsType = {
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      // Also catches a common password with a letter or two changed ("passw0rd1").
      useLevenshteinDistance: true,
      translations: {
        warnings: keysOf("warnings", english.translations.warnings),
        suggestions: keysOf("suggestions", english.translations.suggestions),
        timeEstimation: english.translations.timeEstimation,
      },
    };
    estimator = new ZxcvbnFactory(options);
  }
  return estimator;
}

function breachedPasswords(): Set<string> {
  breached ??= new Set(common.dictionary["passwords-common"].map((password) => password.toLowerCase()));
  return breached;
}

export type PasswordVerdict = { ok: true; score: number } | { ok: false; score: number; messages: string[] };

/**
 * Whether a new password may be used, and if not, why: message keys, the
 * reason first. `personal` are the account's own words (name, email), which
 * make a password easy to guess for someone who knows whose it is.
 */
export function judgePassword(password: string, personal: string[] = []): PasswordVerdict {
  if (breachedPasswords().has(password.toLowerCase())) {
    return { ok: false, score: 0, messages: ["account.strength.breached"] };
  }
  const words = personal.flatMap((value) => value.toLowerCase().split(/[\s@.+_-]+/)).filter((word) => word.length >= 3);
  const result = zxcvbn().check(password, [...SITE_WORDS, ...words]);
  if (result.score >= MINIMUM_SCORE) return { ok: true, score: result.score };
  const { warning, suggestions } = result.feedback;
  return { ok: false, score: result.score, messages: ["account.strength.weak", ...(warning ? [warning] : []), ...suggestions] };
}
