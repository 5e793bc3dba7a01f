export type AliasRule = {
  id: string;
  categoryId: string;
  pattern: string;
  match: 'EXACT' | 'CASE_INSENSITIVE' | 'REGEX';
};

const PRECEDENCE = { EXACT: 0, CASE_INSENSITIVE: 1, REGEX: 2 } as const;

/** Compiles a rule set once; the first matching rule wins, exact before case-insensitive before regex. */
export function compileAliasRules(rules: readonly AliasRule[]): (text: string) => AliasRule | undefined {
  const ordered = [...rules].sort((a, b) => PRECEDENCE[a.match] - PRECEDENCE[b.match]);
  const matchers = ordered.map((rule) => ({ rule, test: compileRule(rule) }));
  return (text) => {
    const trimmed = text.trim();
    return matchers.find(({ test }) => test(trimmed))?.rule;
  };
}

function compileRule(rule: AliasRule): (text: string) => boolean {
  if (rule.match === 'EXACT') return (text) => text === rule.pattern.trim();
  if (rule.match === 'CASE_INSENSITIVE') {
    const pattern = rule.pattern.trim().toLowerCase();
    return (text) => text.toLowerCase() === pattern;
  }
  const expression = new RegExp(rule.pattern, 'i');
  return (text) => expression.test(text);
}

/** Checks that a regular-expression rule compiles; returns the reason when it does not. */
export function aliasPatternProblem(match: AliasRule['match'], pattern: string): string | undefined {
  if (!pattern.trim()) return 'The pattern is empty.';
  if (pattern.length > 500) return 'The pattern is longer than 500 characters.';
  if (match !== 'REGEX') return undefined;
  try {
    new RegExp(pattern, 'i');
    return undefined;
  } catch (error) {
    return `Not a valid regular expression: ${(error as Error).message}`;
  }
}
