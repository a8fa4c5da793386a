/**
 * A Stryker ignorer (stryker.config.mjs `ignorers`): mutants inside a log statement —
 * `console.log(…)`, `console.error(…)`, `logError(…)` — are not tested. What a log line
 * says is for whoever reads the logs, never for a resident or a clerk; that the logs
 * carry no personal data is tested (tests/worker/security.test.ts, staff-requests.test.ts).
 */
import { declareValuePlugin, PluginKind } from "@stryker-mutator/api/plugin";

const isLogCall = (callee) =>
  (callee.type === "Identifier" && callee.name === "logError") ||
  (callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === "console");

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "logging", {
    shouldIgnore(path) {
      if (path.isExpressionStatement() && path.node.expression.type === "CallExpression") {
        if (isLogCall(path.node.expression.callee)) return "A log line: read by operators, not by residents or staff";
      }
      return undefined;
    },
  }),
];
