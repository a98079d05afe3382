// Runs DAISY Ace (ace-core, with ace-cli's puppeteer runner) on each EPUB
// named, in one node process and one browser, a few books at a time, and
// writes each book's report.json into the folder named after it, as ace-cli
// -o does. Arguments: ace-cli's package folder, then pairs of an EPUB and a
// folder. Prints one line a book, in the order given: "ok <epub>" or
// "error <epub>: <message>".
'use strict';
const os = require('os');
const path = require('path');
const cli = process.argv[2];
const load = m => require(require.resolve(m, {paths: [cli]}));
const ace = load('@daisy/ace-core');
const runner = load('@daisy/ace-axe-runner-puppeteer');
const logger = load('@daisy/ace-logger');

// ace-core launches the browser before each book and closes it after: one
// browser for all books instead (launched: the one launch, which the books
// that start while it runs wait for too)
let launched = null;
const shared = Object.assign({}, runner, {
	launch: () => {
		launched = launched || runner.launch();
		return launched;
	},
	close: async () => {},
});

// books is how many books are checked at a time (each checks a few of its
// documents at a time: runner.concurrency).
const books = Math.max(2, Math.min(4, os.availableParallelism()));

(async () => {
	logger.initLogger({silent: true});
	const args = process.argv.slice(3);
	const lines = new Array(args.length >> 1);
	let next = 0;
	const check = async () => {
		while (next < lines.length) {
			const i = next++;
			const [epub, outdir] = [args[2 * i], args[2 * i + 1]];
			try {
				await ace(epub, {cwd: process.cwd(), outdir, jobId: ''}, shared);
				lines[i] = `ok ${epub}\n`;
			} catch (err) {
				lines[i] = `error ${epub}: ${String(err && err.message || err).replace(/\n/g, ' ')}\n`;
			}
		}
	};
	try {
		await Promise.all(Array.from({length: books}, check));
	} finally {
		if (launched) {
			await launched;
			await runner.close();
		}
	}
	process.stdout.write(lines.join(''));
})().then(() => process.exit(0), err => {
	process.stderr.write(String(err && err.stack || err) + '\n');
	process.exit(2);
});
