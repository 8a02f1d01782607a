/**
 * Variables that do not fit their types (an unknown input field, a string for an Int, a missing
 * required field) are the client's error: BAD_USER_INPUT with HTTP 400, refused before anything
 * runs. graphql-js would answer them uncoded, quoting the whole value it refused, so a 500 KB
 * input came back in the response and in the logs. Here each error names the variable, the path
 * inside it and what is wrong, never the value.
 */
import { GraphQLError, coerceInputValue, getOperationAST, isInputType, typeFromAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';

const MAX_ERRORS = 20;
/** graphql-js's own explanations can quote a value; they are cut to this length. */
const MAX_REASON = 200;

export function useInputErrors(logger: Logger): Plugin {
  return {
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
          if (type.toString().endsWith('!') && !definition.defaultValue) problems.push({ variable: name, path: '', reason: `Variable "$${name}" of required type "${type.toString()}" was not provided.` });
          continue;
        }
        if (raw[name] === null && type.toString().endsWith('!')) {
          problems.push({ variable: name, path: '', reason: `Variable "$${name}" of non-null type "${type.toString()}" must not be null.` });
          continue;
        }
        coerceInputValue(raw[name], type, (path, _invalid, error) => {
          if (problems.length < MAX_ERRORS) problems.push({ variable: name, path: path.join('.'), reason: error.message.slice(0, MAX_REASON) });
        });
      }
      if (problems.length === 0) return;
      // The log keeps the kind and the paths; never a value.
      logger.info({ kind: 'invalid-variables', paths: problems.map((p) => `$${p.variable}${p.path ? `.${p.path}` : ''}`) }, 'variables refused');
      setResultAndStopExecution({
        errors: problems.map(
          (p) =>
            new GraphQLError(p.reason.startsWith('Variable') ? p.reason : `Variable "$${p.variable}"${p.path ? ` at "${p.path}"` : ''} is invalid: ${p.reason}`, {
              extensions: { code: 'BAD_USER_INPUT', retryable: false, variable: p.variable, ...(p.path ? { path: p.path } : {}), http: { status: 400 } },
            }),
        ),
      });
    },
  };
}
