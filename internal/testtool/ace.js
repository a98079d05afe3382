// Runs DAISY Ace (ace-core, with ace-cli's puppeteer runner) on each EPUB
// named, one after another, in one node process and one browser, and writes
// each book's report.json into the folder named after it, as ace-cli -o does.
// Arguments: ace-cli's package folder, then pairs of an EPUB and a folder.
// Prints one line a book: "ok <epub>" or "error <epub>: <message>".
'use strict';
const path = require('path');
const cli = process.argv[2];
const load = m => require(require.resolve(m, {paths: [cli]}));
const ace = load('@daisy/ace-core');
const runner = load('@daisy/ace-axe-runner-puppeteer');
const logger = load('@daisy/ace-logger');

// ace-core launches the browser before each book and closes it after: one
// browser for all books instead
let launched = false;
const shared = Object.assign({}, runner, {
	launch: async () => {
		if (!launched) {
			launched = true;
			await runner.launch();
		}
	},
	close: async () => {},
});

(async () => {
	logger.initLogger({silent: true});
	const args = process.argv.slice(3);
	try {
		for (let i = 0; i + 1 < args.length; i += 2) {
			const [epub, outdir] = [args[i], args[i + 1]];
			try {
				await ace(epub, {cwd: process.cwd(), outdir, jobId: ''}, shared);
				process.stdout.write(`ok ${epub}\n`);
			} catch (err) {
				process.stdout.write(`error ${epub}: ${String(err && err.message || err).replace(/\n/g, ' ')}\n`);
			}
		}
	} finally {
		if (launched) {
			await runner.close();
		}
	}
})().then(() => process.exit(0), err => {
	process.stderr.write(String(err && err.stack || err) + '\n');
	process.exit(2);
});
