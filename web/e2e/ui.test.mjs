// End-to-end: the real `ascent serve` on a small demo council, driven in Debian's headless Chromium.
// Signs in, opens every page, drills from a lever to a person, changes a business case's assumption
// and sees the figure change, runs a background job, and downloads a report. Screenshots of each
// page go to $ASCENT_SCREENSHOTS (default: e2e-screenshots/) to be looked at.
//
//   ASCENT_BIN=../build/release/src/ascent ASCENT_NATIONAL=../tests/fixtures node --test e2e/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const bin = process.env.ASCENT_BIN;
const national = process.env.ASCENT_NATIONAL;
const shots = process.env.ASCENT_SCREENSHOTS ?? 'e2e-screenshots';
const password = 'an end-to-end test password';
const work = mkdtempSync(join(tmpdir(), 'ascent-e2e-'));
const db = join(work, 'e2e.db');
let server, browser, page, base;

function ascent(args, input) {
  const r = spawnSync(bin, ['--db', db, ...args], { input, encoding: 'utf8' });
  assert.equal(r.status, 0, `ascent ${args.join(' ')}: ${r.stderr}`);
}

before(async () => {
  assert.ok(bin, 'set ASCENT_BIN to the ascent binary');
  mkdirSync(shots, { recursive: true });
  ascent(['demo', '--dir', join(work, 'demo'), '--profile', 'bury', '--people', '600']);
  for (const role of ['admin', 'viewer']) ascent(['user', 'add', role, '--role', role], `${password}\n`);
  // A case under an id as a council writes it: slashes, dots and a space.
  const other = readFileSync(join(work, 'demo', 'cases', 'waking-nights.yaml'), 'utf8').replace(/^id: .*$/m, 'id: "A/R.7.108 b"');
  writeFileSync(join(work, 'case-id.yaml'), other);
  ascent(['case', 'import', join(work, 'case-id.yaml')]);
  const args = ['--db', db, 'serve', '--port', '0', '--programme', join(work, 'demo', 'cases', 'programme.yaml')];
  if (national) args.push('--national-data', national, '--council', 'Bury');
  server = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    server.on('exit', (code) => reject(new Error(`ascent serve exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true })).newPage();
  page.on('pageerror', (e) => assert.fail(`script error in the page: ${e.message}`));
});

after(async () => {
  await browser?.close();
  server?.kill('SIGINT');
  rmSync(work, { recursive: true, force: true });
});

async function signIn(name) {
  await page.goto(base + '/');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

async function open(link, heading, shot) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy=true]'));
  assert.equal(await page.locator('[role=alert]').count(), 0, `${link}: ${await page.locator('[role=alert]').allTextContents()}`);
  await page.screenshot({ path: join(shots, `${shot}.png`), fullPage: true });
}

test('a wrong password is refused with a message', async () => {
  await page.goto(base + '/');
  await page.getByLabel('Name').fill('admin');
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
  await page.screenshot({ path: join(shots, '00-sign-in-refused.png') });
});

test('every page opens without an error, with its charts', async () => {
  await signIn('admin');
  await page.getByText('People supported').waitFor();
  assert.ok(await page.locator('figure.chart svg').count() >= 2, 'the overview has its charts');
  await page.screenshot({ path: join(shots, '01-overview.png'), fullPage: true });
  await open('Ledger', 'Ledger', '02-ledger');
  await open('Opportunities', 'Opportunities', '03-opportunities');
  await open('Business cases', 'Business cases', '04-cases');
  await open('Budget proposals', 'Budget proposals', '05-budget');
  await open('Delivery', 'Delivery', '24-delivery');
  await open('Charging', 'Charging options', '06-charging');
  if (national) await open('Benchmarks', 'Benchmarks', '07-benchmarks');
  await open('Projections', 'Projections', '08-projections');
  await open('Commissioning', 'Commissioning', '19-commissioning-market');
  await open('Imports', 'Imports', '09-imports');
  await open('Users', 'Users', '10-users');
  await open('Audit trail', 'Audit trail', '11-audit');
});

test('drill from a lever to its people to one person', async () => {
  await open('Opportunities', 'Opportunities', '03-opportunities');
  await page.getByRole('link', { name: 'Working-age LD packages over £1,800 a week' }).click();
  await page.getByText('largest central saving first').waitFor();
  await page.screenshot({ path: join(shots, '12-lever-people.png'), fullPage: true });
  const first = page.locator('table a[href^="#/people/"]').first();
  const id = await first.textContent();
  await first.click();
  await page.getByRole('heading', { level: 1, name: `Person ${id}` }).waitFor();
  assert.ok(await page.locator('article.explanation').count() >= 1, 'the person is explained');
  await page.screenshot({ path: join(shots, '13-person.png'), fullPage: true });
});

test('changing a confidence changes the business case at once', async () => {
  await open('Business cases', 'Business cases', '04-cases');
  await page.locator('table a[href^="#/cases/"]').first().click();
  const figure = page.getByTestId('full-year-effect');
  const before = await figure.textContent();
  const input = page.getByLabel(/confidence/).first();
  await input.fill('100%');
  await input.press('Enter');
  await input.blur();
  await page.waitForFunction(([text]) => document.querySelector('[data-testid=full-year-effect]').textContent !== text, [before]);
  assert.notEqual(await figure.textContent(), before);
  await page.screenshot({ path: join(shots, '14-case-what-if.png'), fullPage: true });
});

test('the programme shows where its cases overlap, net of it, and its plausibility', async () => {
  await open('Budget proposals', 'Budget proposals', '05-budget');
  const overlap = page.getByTestId('overlap');
  await overlap.getByText('Where they overlap').waitFor();
  const text = await overlap.textContent();
  assert.match(text, /high_cost_1800/);
  assert.match(text, /waking_nights/);
  assert.match(text, /the largest saving on its own for that person counts/);
  assert.notEqual(await page.getByTestId('overlap-deducted').textContent(), '£0.00', 'the demo cases share people');
  assert.match(await page.getByTestId('plausibility').textContent(), /evidence library/);
  await page.screenshot({ path: join(shots, '25-programme-overlap.png'), fullPage: true });
  await open('Opportunities', 'Opportunities', '03-opportunities');
  assert.match(await page.getByTestId('plausibility').textContent(), /gross spend on care packages/);
});

test('a risk run shows its progress, then the range', async () => {
  await open('Budget proposals', 'Budget proposals', '05-budget');
  await page.getByLabel('Trials').fill('2000');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByText(/2,000 trials, seed/).waitFor();
  await page.screenshot({ path: join(shots, '15-risk.png'), fullPage: true });
});

test('a charging simulation shows winners and losers', async () => {
  await open('Charging', 'Charging options', '06-charging');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await page.locator('figcaption', { hasText: 'Winners and losers' }).waitFor();
  await page.screenshot({ path: join(shots, '16-charging-result.png'), fullPage: true });
});

test('respite under residential rules yields income from the ledger\'s short stays', async () => {
  await open('Charging', 'Charging options', '06-charging');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await page.getByRole('heading', { name: /^Short-term stays/ }).waitFor();
  const change = await page.getByTestId('stays-change-3').textContent();
  assert.match(change, /^£[1-9][\d,]*\.\d\d$/, `the respite option raises income from stays: ${change}`);
  await page.screenshot({ path: join(shots, '16b-charging-stays.png'), fullPage: true });
});

test('the reassessment backlog takes its cohort from the ledger', async () => {
  await open('Charging', 'Charging options', '06-charging');
  await page.getByRole('button', { name: 'Project the backlog' }).click();
  await page.getByTestId('backlog-cohort').waitFor();
  assert.match(await page.getByTestId('backlog-cohort').textContent(), /[1-9][\d,]* of the [\d,]+ people receiving care/);
  assert.match(await page.getByTestId('backlog-income').textContent(), /^£[1-9]/);
  await page.screenshot({ path: join(shots, '16c-charging-backlog.png'), fullPage: true });
});

test("a projection starts from the ledger's own cost, and moves when last year's figures change", async () => {
  await open('Overview', 'Overview', '01-overview');
  const annual = await page.locator('.card', { hasText: 'Gross spend a year' }).locator('.card-value').textContent();
  await open('Projections', 'Projections', '08-projections');
  assert.equal(await page.getByTestId('total-1').textContent(), annual, "this year's cost is the ledger's");
  const ahead = await page.getByTestId('total-2').textContent();
  const input = page.getByLabel(/^Community clients/);
  await input.fill(String(Number(await input.inputValue()) - 40));
  await input.press('Tab');
  await page.waitForFunction(([text]) => document.querySelector('[data-testid=total-2]').textContent !== text, [ahead]);
  await page.screenshot({ path: join(shots, '18-projection-changed.png'), fullPage: true });
});

test('the fair price runs again as a need changes, and ceilings are checked on the ledger', async () => {
  await open('Commissioning', 'Commissioning', '19-commissioning-market');
  await page.getByRole('navigation', { name: 'Commissioning' }).getByRole('link', { name: 'Fair price' }).click();
  const price = page.getByTestId('fair-price');
  await price.waitFor();
  const before = await price.textContent();
  await page.getByLabel('Waking nights a week').fill('3');
  await page.getByLabel('Waking nights a week').press('Tab');
  await page.waitForFunction(([text]) => document.querySelector('[data-testid=fair-price]').textContent !== text, [before]);
  await page.getByLabel('Open book: Management and overheads').fill('500.00');
  await page.getByLabel('Open book: Management and overheads').press('Tab');
  await page.getByText(/^Open book against the fair price, largest gap first: Management and overheads \+£/).waitFor();
  await page.screenshot({ path: join(shots, '20-fair-price.png'), fullPage: true });
  await page.getByRole('navigation', { name: 'Commissioning' }).getByRole('link', { name: 'Ceilings and retender' }).click();
  await page.getByRole('button', { name: 'Check the ledger' }).click();
  await page.getByText(/open lines are above their ceiling/).waitFor();
  await page.getByRole('button', { name: 'Profile the retender' }).click();
  await page.locator('figcaption', { hasText: 'Saving by financial year' }).waitFor();
  await page.screenshot({ path: join(shots, '21-ceilings-retender.png'), fullPage: true });
  await page.getByRole('navigation', { name: 'Commissioning' }).getByRole('link', { name: 'Bid evaluation' }).click();
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await page.getByText('Award: Acorn Support').waitFor();
  await page.screenshot({ path: join(shots, '22-evaluation.png'), fullPage: true });
  await page.getByRole('navigation', { name: 'Commissioning' }).getByRole('link', { name: 'Dynamic purchasing' }).click();
  // The bid evaluation's own Provider fields stay on screen until the register has rendered.
  await page.getByRole('button', { name: 'Admit' }).waitFor();
  for (const [provider, rating] of [['Acorn Support', 'good'], ['Birch Care', 'outstanding']]) {
    await page.getByLabel('Provider', { exact: true }).fill(provider);
    await page.getByLabel('Lot', { exact: true }).fill('supported living');
    await page.getByRole('combobox', { name: /^CQC rating/ }).selectOption(rating);
    await page.getByRole('button', { name: 'Admit' }).click();
    await page.getByRole('cell', { name: provider }).waitFor();
  }
  await page.getByLabel('Request id').fill('R-0042');
  await page.getByLabel("Request's lot").fill('supported living');
  await page.getByLabel('Ceiling £ a week').fill('1,200.00');
  await page.getByLabel('Question weights % (Q1, Q2, …)').fill('60');
  await page.getByLabel('CQC rating weight %').fill('40');
  await page.getByRole('button', { name: 'Advertise' }).click();
  await page.getByText('Advertised R-0042 to Acorn Support, Birch Care.').waitFor();
  const request = page.getByRole('region', { name: 'Request R-0042' });
  for (const [provider, price, score] of [['Acorn Support', '1,000.00', '5'], ['Birch Care', '1,050.00', '4']]) {
    await request.getByLabel('Bidder').selectOption(provider);
    await request.getByLabel('Bid £ a week').fill(price);
    await request.getByLabel('Scores (Q1)').fill(score);
    await request.getByRole('button', { name: 'Record the bid' }).click();
    await page.getByText(`Recorded ${provider}'s bid for R-0042.`).waitFor();
    // The register reloads after a bid; the next bid's fields are filled once it has.
    await page.waitForLoadState('networkidle');
  }
  await request.getByRole('button', { name: 'Evaluate and award' }).click();
  // Acorn (good: 4): 40 + 60 × (60% × 5/5 + 40% × 4/5) = 95.20; Birch (outstanding: 5): 38.10 + 60 × (48% + 40%) = 90.90.
  await page.getByText('Awarded R-0042 to Acorn Support.').waitFor();
  await page.getByRole('cell', { name: '95.20' }).waitFor();
  await page.getByRole('cell', { name: '90.90' }).waitFor();
  await page.screenshot({ path: join(shots, '23-dps.png'), fullPage: true });
});

test('reviews are assigned and decided from the delivery page', async () => {
  await open('Delivery', 'Delivery', '24-delivery');
  await page.getByLabel('Reviewer').fill('rita');
  await page.getByLabel('People', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Assign, largest saving first' }).click();
  await page.getByText(/^Assigned 3 reviews to rita for high_cost_1800: the lever flags \d+; 0 had a review for it already/).waitFor();
  await page.getByLabel(/^Outcome for /).first().selectOption('reduced');
  await page.getByText(/^Recorded reduced for /).waitFor();
  await page.screenshot({ path: join(shots, '25-reviews.png'), fullPage: true });
  await page.getByLabel('Person id').fill('P0000001');
  await page.getByLabel('Goal', { exact: true }).fill('Travel to college independently');
  await page.getByLabel('Saving £ a week').fill('132.00');
  await page.getByLabel('Target date').fill('2027-03-31');
  await page.getByLabel(/^Steps, one a line/).fill('Travel training | 2027-01-15 | Pathways worker\nTravel alone | 2027-03-01 | Family');
  await page.getByRole('button', { name: 'Add the plan' }).click();
  await page.getByText(/^Added plan 1 for P0000001\./).waitFor();
  await page.getByRole('button', { name: 'Step 1 done' }).click();
  await page.getByText('Plan 1: step 1 done.').waitFor();
  await page.waitForFunction(() => document.querySelector('progress[aria-label="Plan 1 progress"]')?.value === 1);
  await page.getByTestId('pathway').getByText('£689,463.95').waitFor();
  await page.getByLabel('Test a person').fill('P0000001');
  await page.getByRole('button', { name: 'Show their options' }).click();
  await page.getByText(/^P0000001 at level 3/).waitFor();
  await page.screenshot({ path: join(shots, '26-progression-housing.png'), fullPage: true });
});

test('a worklist downloads as a file', async () => {
  await open('Opportunities', 'Opportunities', '03-opportunities');
  await page.getByRole('link', { name: 'Working-age LD packages over £1,800 a week' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'high_cost_1800-worklist.csv');
  const text = readFileSync(await download.path(), 'utf8');
  assert.match(text, /^Rank,Person/);
});

// The next quarter's CLD file: the demo's rows with the period moved on and every tenth unit cost 5% higher.
function nextQuarterCld() {
  const lines = readFileSync(join(work, 'demo', 'cld.csv'), 'utf8').trimEnd().split('\n');
  const header = lines[0].split(',');
  const unitCost = header.indexOf('Unit Cost');
  const out = [lines[0]];
  lines.slice(1).forEach((line, n) => {
    // The demo's quoted fields hold commas, so the unit cost is found from the end of the row.
    const cells = line.split(',');
    const at = cells.length - (header.length - unitCost);
    if (n % 10 === 0 && cells[at]) cells[at] = (Number(cells[at]) * 1.05).toFixed(2);
    out.push(cells.join(',').replace('01/10/2025,30/09/2026', '01/01/2026,31/12/2026'));
  });
  const path = join(work, 'cld-next-quarter.csv');
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

async function weeklySpend() {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview', exact: true }).click();
  const card = page.locator('.card', { hasText: 'Gross spend a week' }).locator('.card-value');
  await card.waitFor();
  return card.textContent();
}

test("a case under a council's own id (A/R.7.108 b) opens from the list", async () => {
  await open('Business cases', 'Business cases', '04-cases');
  await page.getByRole('link', { name: 'A/R.7.108 b', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^A\/R\.7\.108 b: / }).waitFor();
  await page.getByTestId('full-year-effect').waitFor();
  assert.equal(await page.locator('[role=alert]').count(), 0);
});

test('weeks a year is a council setting: changed on the settings page, the overview follows and names it', async () => {
  const yearCard = page.locator('.card', { hasText: 'Gross spend a year' }).locator('.card-value');
  await weeklySpend();
  const before = await yearCard.textContent();
  await open('Imports', 'Imports', '09-imports');
  await page.getByLabel('Weeks a year').selectOption('52');
  await page.getByRole('status').filter({ hasText: 'Saved weeks_per_year' }).waitFor();
  await page.getByTestId('setting-weeks_per_year').filter({ hasText: /^52$/ }).waitFor(); // the settings reload after the save
  await weeklySpend();
  await page.getByText('52 weeks a year (council setting)').waitFor();
  assert.notEqual(await yearCard.textContent(), before, 'the annual figure follows the setting');
  await open('Imports', 'Imports', '09-imports');
  await page.getByLabel('Weeks a year').selectOption('52.143');
  await page.getByRole('status').filter({ hasText: 'Saved weeks_per_year' }).waitFor();
  await weeklySpend();
  await page.getByText('52.143 weeks a year (council setting)').waitFor();
  assert.equal(await yearCard.textContent(), before);
});

test('a new CLD snapshot uploaded in the browser changes the overview, and restoring the old one changes it back', async () => {
  const before = await weeklySpend();
  await open('Imports', 'Imports', '09-imports');
  await page.locator('input[type=file][name=file]').setInputFiles(nextQuarterCld());
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'now current' }).waitFor({ timeout: 60000 });
  await page.getByRole('cell', { name: 'current', exact: true }).waitFor();
  await page.screenshot({ path: join(shots, '25-imports-new-snapshot.png'), fullPage: true });
  const after = await weeklySpend();
  assert.notEqual(after, before, 'the overview shows the new snapshot');
  await open('Imports', 'Imports', '09-imports');
  await page.getByRole('button', { name: 'Restore #1' }).click();
  await page.getByRole('status').filter({ hasText: 'is current again' }).waitFor();
  await page.screenshot({ path: join(shots, '26-imports-restored.png'), fullPage: true });
  assert.equal(await weeklySpend(), before, 'the overview shows the first snapshot again');
});

test('a file over the upload limit is refused in the page, before it is sent', async () => {
  await open('Imports', 'Imports', '09-imports');
  const big = join(work, 'too-big.csv');
  const handle = openSync(big, 'w');
  ftruncateSync(handle, 513 * 1024 * 1024); // sparse: no disk is used
  closeSync(handle);
  await page.locator('input[type=file][name=file]').setInputFiles(big);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'larger than the 512 MB the server accepts' }).waitFor();
});

test('a viewer sees totals but no people, and no admin pages', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn('viewer');
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0);
  await open('Ledger', 'Ledger', '17-ledger-viewer');
  await page.getByText('Your role sees totals only').waitFor();
});
