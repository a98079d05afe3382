// Runs DAISY Ace (ace-core, with ace-cli's puppeteer runner) on each EPUB
// named, in one node process and one browser, a few documents at a time,
// and writes each book's report.json into the folder named after it, as
// ace-cli -o does (not its HTML report, nor the copies of the book's images
// that go with it: the test reads the JSON). Arguments: ace-cli's package
// folder, then pairs of an EPUB and a folder. Prints one line a book, in the
// order given: "ok <epub>" or "error <epub>: <message>".
'use strict';
const os = require('os');
const path = require('path');
const cli = process.argv[2];
const load = m => require(require.resolve(m, {paths: [cli]}));
const ace = load('@daisy/ace-core');
const runner = load('@daisy/ace-axe-runner-puppeteer');
const logger = load('@daisy/ace-logger');
const {Report} = load('@daisy/ace-report');
const puppeteer = require(require.resolve('puppeteer', {paths: [path.dirname(require.resolve('@daisy/ace-axe-runner-puppeteer', {paths: [cli]}))]}));

// The HTML report and the images copied for it are not written: the same
// report.json, a tenth less time.
Report.prototype.saveHtml = () => Promise.resolve();
Report.prototype.copyData = () => Promise.resolve();

// The runner opens a tab for each document and closes it after: a tab
// closed is kept and given to the next document instead, so that the
// browser does not start a renderer for each (a third less time). Each
// document is still loaded afresh into it, with the runner's request
// handler of its own (the one before is taken off).
const launch = puppeteer.launch.bind(puppeteer);
puppeteer.launch = async options => {
	const browser = await launch(options);
	const open = browser.newPage.bind(browser);
	const kept = [];
	browser.newPage = async () => {
		const page = kept.pop() || await open();
		page.close = async () => {
			page.removeAllListeners('request');
			kept.push(page);
		};
		return page;
	};
	return browser;
};

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

// books is how many books are checked at a time, and runner.concurrency
// how many documents of each: two documents in the browser at a time on two
// cores, four on four or more.
const books = 2;
runner.concurrency = Math.max(1, Math.min(2, os.availableParallelism() >> 1));

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
