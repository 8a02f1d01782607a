/**
 * Variables that do not fit their types (an unknown input field, a string for an Int, a missing
 * required field) are the client's error: BAD_USER_INPUT with HTTP 400, refused before anything
 * runs. graphql-js would answer them uncoded, quoting the whole value it refused, so a 500 KB
 * input came back in the response and in the logs. Here each error names the variable, the path
 * inside it and what is wrong, never the value; literal values in the document that do not fit
 * are answered the same way, by location. Every error answered has an
 * `extensions.code`: armor's refusals of too large or complex operations are QUERY_TOO_COMPLEX.
 */
import { GraphQLError, coerceInputValue, getOperationAST, isInputType, typeFromAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

const MAX_ERRORS = 20;

/** What armor says (its errorMessage option), behind graphql-js's "Syntax Error: ". */
export const TOO_COMPLEX_MESSAGE = 'The operation is too large or too complex for this gateway.';

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * graphql-js's messages about a value that does not fit quote the value ("String cannot represent
 * a non string value: 4155550134", 'Expected value of type "ID!", found {a: "…"}'). These name the
 * type alone; a field name that is not a plain name (it came from the client) is left out.
 */
export function withoutValue(message: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^Expected value of type "([^"]+)", found /, (m) => `Expected a value of type "${m[1]}".`],
    [/^Expected type "([^"]+)" to be an object\.$/, (m) => m[0]],
    [/^Expected non-nullable type "([^"]+)" not to be null\.$/, (m) => m[0]],
    [/^Expected type "([^"]+)"/, (m) => `Expected a value of type "${m[1]}".`],
    [/^Enum "([^"]+)" cannot represent/, (m) => `Expected a value of enum "${m[1]}".`],
    [/^Value "[\s\S]*" does not exist in "([^"]+)" enum\./, (m) => `The value is not one of enum "${m[1]}".`],
    [/^(\w+) cannot represent/, (m) => `Expected a value of type "${m[1]}".`],
    [/^Variable "(\$\w+)" got invalid value/, (m) => `Variable "${m[1]}" got an invalid value.`],
    [
      /^Field "([^"]*)" is not defined by type "([^"]+)"\.([\s\S]*)$/,
      (m) => (NAME.test(m[1]!) ? `Field "${m[1]}" is not defined by type "${m[2]}".${m[3]}` : `A field is not defined by type "${m[2]}".`),
    ],
  ];
  for (const [pattern, rewrite] of rules) {
    const m = pattern.exec(message);
    if (m) return rewrite(m);
  }
  return message;
}

const tooComplex = (e: { message?: unknown }) => typeof e.message === 'string' && e.message.endsWith(TOO_COMPLEX_MESSAGE);

export function useInputErrors(logger: Logger): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        setResult(
          result.map((e) =>
            tooComplex(e)
              ? new GraphQLError(TOO_COMPLEX_MESSAGE, { extensions: { code: 'QUERY_TOO_COMPLEX', retryable: false, http: { status: 400 } } })
              : new GraphQLError(withoutValue(e.message), { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions } }),
          ),
        );
      };
    },
    // Errors answered before validation (parse, armor's token limit) get their code here.
    onResultProcess({ result, setResult }) {
      if (
        Array.isArray(result) ||
        !('errors' in result) ||
        !result.errors?.some((e) => tooComplex(e) || !(e as { extensions?: { code?: unknown } }).extensions?.code)
      )
        return;
      setResult({
        ...result,
        errors: result.errors.map((e) => {
          if (tooComplex(e)) return new GraphQLError(TOO_COMPLEX_MESSAGE, { extensions: { code: 'QUERY_TOO_COMPLEX', retryable: false } });
          const code = (e as { extensions?: { code?: unknown } }).extensions?.code;
          if (code) return e;
          return new GraphQLError(withoutValue(e.message), {
            nodes: e.nodes,
            path: e.path,
            extensions: { ...e.extensions, code: e.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED' },
          });
        }),
      });
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const raw = (args.variableValues ?? {}) as Record<string, unknown>;
      const problems: { variable: string; path: string; reason: string }[] = [];
      for (const definition of operation.variableDefinitions ?? []) {
        const name = definition.variable.name.value;
        const type = typeFromAST(args.schema, definition.type);
        if (!type || !isInputType(type)) continue; // validation reports it
        if (!(name in raw)) {
          if (type.toString().endsWith('!') && !definition.defaultValue)
            problems.push({ variable: name, path: '', reason: `Variable "$${name}" of required type "${type.toString()}" was not provided.` });
          continue;
        }
        if (raw[name] === null && type.toString().endsWith('!')) {
          problems.push({ variable: name, path: '', reason: `Variable "$${name}" of non-null type "${type.toString()}" must not be null.` });
          continue;
        }
        coerceInputValue(raw[name], type, (path, _invalid, error) => {
          if (problems.length < MAX_ERRORS) problems.push({ variable: name, path: path.join('.'), reason: withoutValue(error.message) });
        });
      }
      if (problems.length === 0) return;
      // The log keeps the kind and the paths; never a value.
      logger.info({ kind: 'invalid-variables', paths: problems.map((p) => `$${p.variable}${p.path ? `.${p.path}` : ''}`) }, 'variables refused');
      setResultAndStopExecution({
        errors: problems.map(
          (p) =>
            new GraphQLError(
              p.reason.startsWith('Variable') ? p.reason : `Variable "$${p.variable}"${p.path ? ` at "${p.path}"` : ''} is invalid: ${p.reason}`,
              {
                extensions: { code: 'BAD_USER_INPUT', retryable: false, variable: p.variable, ...(p.path ? { path: p.path } : {}), http: { status: 400 } },
              },
            ),
        ),
      });
    },
  };
}
