// Runs axe-core through pa11y on each page named, in light and dark
// schemes, in one browser, a few pages at a time (a page spends most of its
// time waiting on the browser), and prints the issues as JSON, in the order
// of the pages and schemes: [{url, scheme, issues}].
// Arguments: npm's global node_modules folder, then the pages' URLs.
'use strict';
const path = require('path');
const root = process.argv[2];
const pa11y = require(path.join(root, 'pa11y'));
const puppeteer = require(require.resolve('puppeteer', {paths: [path.join(root, 'pa11y')]}));

// tabs is how many pages are checked at a time.
const tabs = 3;

(async () => {
	const browser = await puppeteer.launch({
		executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || 'chromium',
		args: ['--no-sandbox', '--disable-gpu'],
	});
	const jobs = [];
	for (const url of process.argv.slice(3)) {
		for (const scheme of ['light', 'dark']) {
			jobs.push({url, scheme});
		}
	}
	const out = new Array(jobs.length);
	let next = 0;
	// a tab checks one page after another: each is loaded afresh into it
	// (pa11y takes its listeners off a page it is given), and the browser
	// does not start a renderer for each
	const tab = async () => {
		const page = await browser.newPage();
		while (next < jobs.length) {
			const i = next++;
			const {url, scheme} = jobs[i];
			await page.emulateMediaFeatures([{name: 'prefers-color-scheme', value: scheme}]);
			const res = await pa11y(url, {browser, page, runners: ['axe'], standard: 'WCAG2AA', includeWarnings: false, timeout: 60000});
			out[i] = {url, scheme, issues: res.issues};
		}
		await page.close();
	};
	try {
		await Promise.all(Array.from({length: tabs}, tab));
	} finally {
		await browser.close();
	}
	process.stdout.write(JSON.stringify(out));
})().catch(err => {
	process.stderr.write(String(err && err.stack || err) + '\n');
	process.exit(2);
});
