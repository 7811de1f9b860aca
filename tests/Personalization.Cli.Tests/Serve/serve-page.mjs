// Drives `personalize serve`'s web page in Debian's Chromium through playwright-core (no browser download):
// enrol a DreamBooth subject by drawing its box, upload three photos (two of it, one of another subject), check the concept
// page lists the subject's photos and not the other, confirm one, reject one, look at a result's decision trail, ask the
// preference judge, and check
// that a second owner sees nothing of the first. Every wait is on a condition; screenshots go to $SCREENSHOTS.
// Environment: PLAYWRIGHT_CORE (the package folder), BASE_URL, SCREENSHOTS, REFERENCE, SUBJECT_PHOTOS (two, ':'-separated),
// OTHER_PHOTO, CHROMIUM.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const base = process.env.BASE_URL;
const shots = process.env.SCREENSHOTS;
const subjectPhotos = process.env.SUBJECT_PHOTOS.split(':');
const otherPhoto = process.env.OTHER_PHOTO;
const shot = (page, name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
const fail = (message) => { throw new Error(message); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(180000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`); });

  // Owner A.
  await page.goto(base);
  await page.fill('#owner-input', 'alice');
  await page.click('#owner-use');
  await page.locator('#view-concepts').waitFor({ state: 'visible' });

  // Enrol with a drawn box: drag from 10 % to 90 % of the photo.
  await page.fill('#enrol-name', 'bo');
  await page.fill('#enrol-category', 'dog');
  await page.fill('#enrol-description', 'our dog');
  await page.setInputFiles('#enrol-files', [process.env.REFERENCE]);
  const canvas = page.locator('#enrol-canvases canvas[data-ready="true"]');
  await canvas.waitFor({ state: 'visible' });
  const r = await canvas.boundingBox();
  await page.mouse.move(r.x + r.width * 0.1, r.y + r.height * 0.1);
  await page.mouse.down();
  await page.mouse.move(r.x + r.width * 0.5, r.y + r.height * 0.5, { steps: 4 });
  await page.mouse.move(r.x + r.width * 0.9, r.y + r.height * 0.9, { steps: 4 });
  await page.mouse.up();
  const box = await canvas.getAttribute('data-box');
  if (!box || box.split(',').length !== 4) fail(`no box was drawn: '${box}'`);
  await shot(page, '1-enrol-with-box');
  await page.click('#enrol-submit');
  await page.locator('#concept-list li[data-concept="bo"]').waitFor({ state: 'visible' });
  await page.locator('#concept-list li[data-concept="bo"] .photo[data-loaded="true"] .box').waitFor({ state: 'visible' });
  await shot(page, '2-concepts');

  // Upload three photos and wait until each job is done.
  await page.click('#nav-upload');
  await page.setInputFiles('#upload-files', [...subjectPhotos, otherPhoto]);
  await page.click('#upload-submit');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#upload-list li')];
    return rows.length === 3 && rows.every((li) => li.dataset.status === 'Completed' || li.dataset.status === 'Failed');
  });
  const statuses = await page.$$eval('#upload-list li', (rows) => rows.map((li) => `${li.dataset.status}: ${li.textContent}`));
  if (statuses.some((s) => !s.startsWith('Completed'))) fail(`not every upload was recognised: ${statuses.join(' | ')}`);
  await shot(page, '3-uploads');

  // The gallery shows the three photos, with boxes on those where the concept was found.
  await page.click('#nav-gallery');
  await page.waitForFunction(() => document.querySelectorAll('#gallery figure .photo[data-loaded="true"]').length === 3);
  await shot(page, '4-gallery');

  // The concept page lists the subject's photos, not the other subject's.
  await page.goto(`${base}#concept/bo`);
  await page.waitForFunction(() => document.querySelectorAll('#concept-photos li .photo[data-loaded="true"]').length > 0);
  const listed = await page.$$eval('#concept-photos li', (rows) => rows.map((li) => li.dataset.path));
  const names = (files) => files.map((f) => `web/${path.basename(f)}`);
  const expected = names(subjectPhotos);
  if (listed.includes(names([otherPhoto])[0])) fail(`the other subject's photo is listed as <bo>: ${listed}`);
  if (listed.length !== expected.length || !expected.every((p) => listed.includes(p))) fail(`the concept page lists ${listed}, expected ${expected}`);
  await shot(page, '5-concept-page');

  // Confirm the first, reject the second.
  const first = page.locator('#concept-photos li').nth(0);
  const second = page.locator('#concept-photos li').nth(1);
  await first.locator('button.confirm').click();
  await first.locator('.feedback-status[data-done="confirm"]').waitFor({ state: 'visible' });
  await second.locator('button.reject').click();
  await second.locator('.feedback-status[data-done="reject"]').waitFor({ state: 'visible' });
  await shot(page, '6-confirmed-and-rejected');

  // A result with its boxes and decision trail.
  await first.locator('a').first().click();
  await page.locator('#view-result').waitFor({ state: 'visible' });
  await page.locator('#result-photo .photo[data-loaded="true"] .box').waitFor({ state: 'visible' });
  await page.locator('#result-candidates tr td').first().waitFor({ state: 'visible' });
  const answer = await page.textContent('#result-answer');
  if (!answer.includes('<bo>')) fail(`the result view says: ${answer}`);
  await shot(page, '7-result');

  // The preference judge: liked and disliked references, two candidates, a verdict with its five dimensions.
  await page.click('#nav-prefer');
  await page.setInputFiles('#prefer-liked', subjectPhotos);
  await page.setInputFiles('#prefer-disliked', [otherPhoto]);
  await page.setInputFiles('#prefer-a', [subjectPhotos[0]]);
  await page.setInputFiles('#prefer-b', [otherPhoto]);
  await page.click('#prefer-submit');
  await page.waitForFunction(() => document.querySelectorAll('#prefer-dimensions tr').length === 6 || /No verdict/.test(document.querySelector('#prefer-verdict').textContent));
  const verdict = await page.textContent('#prefer-verdict');
  if (!/prefer [AB]/.test(verdict)) fail(`the preference judge says: ${verdict}`);
  await shot(page, '8-preferences');

  // Owner B sees nothing of A's: no concepts, an empty gallery, no photos of <bo>, no result, no photo bytes.
  await page.goto(`${base}#concepts`);
  await page.fill('#owner-input', 'bob');
  await page.click('#owner-use');
  await page.locator('#concepts-empty').waitFor({ state: 'visible' });
  await page.click('#nav-gallery');
  await page.locator('#gallery-empty').waitFor({ state: 'visible' });
  await page.goto(`${base}#concept/bo`);
  await page.locator('#concept-empty').waitFor({ state: 'visible' });
  const leaks = await page.evaluate(async (paths) => {
    const codes = [];
    for (const p of paths) {
      codes.push((await fetch(`/api/owners/bob/results/${p}`)).status, (await fetch(`/api/owners/bob/photos/${p}`)).status);
    }
    return codes;
  }, expected);
  if (leaks.some((c) => c !== 404)) fail(`owner bob got ${leaks} for alice's photos`);
  await shot(page, '9-second-owner');

  if (problems.length) fail(problems.join('\n'));
  console.log(`ok: <bo> found in ${listed.join(', ')}; confirmed and rejected; bob sees nothing`);
} finally {
  await browser.close();
}
