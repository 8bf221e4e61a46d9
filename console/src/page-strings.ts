/**
 * A page's own strings (console/src/strings/<page>.ts): one namespace in both languages, the English
 * typed by the Chinese so a missing or misspelt key fails typecheck. i18n.ts merges every such file.
 */
export interface PageStrings {
  namespace: string;
  zhCN: Record<string, unknown>;
  en: Record<string, unknown>;
}

export function pageStrings<T extends Record<string, unknown>>(
  namespace: string,
  zhCN: T,
  en: NoInfer<T>,
): PageStrings {
  return { namespace, zhCN, en };
}
