// Renders TeX to HTML with the pinned npm `katex`, once per build for every formula of the site.
// Protocol: one JSON request per stdin line {"tex": "...", "display": bool}; one JSON answer per
// stdout line, {"html": "..."} or {"error": "<KaTeX's parse error>"}.
"use strict";
const katex = require("katex");
const readline = require("readline");

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let answer;
  try {
    const { tex, display } = JSON.parse(line);
    answer = { html: katex.renderToString(tex, { displayMode: !!display, throwOnError: true, strict: "error" }) };
  } catch (err) {
    answer = { error: String(err && err.message ? err.message : err) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
