// The screenshot README shows: the seed's plan page at task 3, from a running `plangraph serve`.
// node tests/browser/readme-screenshot.mjs tests/browser/screenshots/plan-page.png [http://127.0.0.1:7878/]
import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
await page.goto(process.argv[3] ?? 'http://127.0.0.1:7878/');
await page.locator('table.plans a').first().click();
await page.locator('#task-3').scrollIntoViewIfNeeded();
await page.evaluate(() => { document.querySelector('#task-3').scrollIntoView(); window.scrollBy(0, -150); });
await page.screenshot({ path: process.argv[2] });
await browser.close();
