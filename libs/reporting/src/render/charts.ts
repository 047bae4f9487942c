import type { Month } from '@accord/ledger';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { LRUCache } from 'lru-cache';
import { formatMonth, formatMonthShort, formatPence, formatPoundsShort } from './format';

/** A chart ready to go inline into an e-mail: referenced from the HTML as `cid:<cid>`. */
export type InlineImage = Readonly<{
  cid: string;
  filename: string;
  content: Buffer;
  /** Pixel size of the PNG; the e-mail shows it at half, so it stays sharp on dense screens. */
  width: number;
  height: number;
  alt: string;
}>;

export type CumulativePoint = Readonly<{
  month: Month;
  claimedPence: number;
  verifiedPence: number;
}>;

const FONT_FAMILY = 'Roboto';
const WIDTH = 1200;
const HEIGHT = 640;
const PLOT = { left: 150, right: WIDTH - 50, top: 130, bottom: HEIGHT - 90 } as const;
const COLOURS = {
  background: '#ffffff',
  text: '#0b0c0c',
  muted: '#505a5f',
  grid: '#dfe3e6',
  claimedLine: '#1d70b8',
  claimedFill: '#d2e2f1',
  verifiedLine: '#00703c',
  verifiedFill: '#a8d2bb',
} as const;

let fontLoaded = false;

/**
 * Drawn with Skia (`@napi-rs/canvas`, whose prebuilt binary for each platform comes from the npm
 * registry) in a font shipped in an npm package: no browser, nothing downloaded at install or run
 * time, and the same pixels wherever the same binary runs.
 */
function ensureFont(): void {
  if (fontLoaded) return;
  const path = require.resolve('@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf');
  GlobalFonts.registerFromPath(path, FONT_FAMILY);
  fontLoaded = true;
}

/**
 * Charts drawn lately, by their points: a report's page is opened again and again with the same
 * figures, and encoding one takes some 20 ms (off the event loop). Some 60 KB each.
 */
const drawn = new LRUCache<string, InlineImage>({ max: 200 });

/**
 * Cumulative savings claimed and verified at the end of each month, as a PNG. Drawing takes a
 * millisecond or two; Skia encodes the PNG on libuv's thread pool, so the event loop goes on
 * with other reports meanwhile.
 */
export async function cumulativeSavingsChart(
  points: readonly CumulativePoint[],
): Promise<InlineImage> {
  const key = JSON.stringify(points.map((p) => [p.month, p.claimedPence, p.verifiedPence]));
  const known = drawn.get(key);
  if (known) return known;
  const chart = await drawChart(points);
  drawn.set(key, chart);
  return chart;
}

async function drawChart(points: readonly CumulativePoint[]): Promise<InlineImage> {
  ensureFont();
  const image = createCanvas(WIDTH, HEIGHT);
  const ctx = image.getContext('2d');
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, WIDTH, HEIGHT);

  const last = points.at(-1);
  const top = 4 * niceStep(Math.max(1, ...points.map((p) => p.claimedPence)) / 4);
  const x = (index: number) =>
    points.length === 1
      ? (PLOT.left + PLOT.right) / 2
      : PLOT.left + ((PLOT.right - PLOT.left) * index) / (points.length - 1);
  const y = (pence: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * pence) / top;

  ctx.font = `30px ${FONT_FAMILY}`;
  ctx.fillStyle = COLOURS.text;
  ctx.textAlign = 'left';
  ctx.fillText('Cumulative savings, claimed and verified', PLOT.left - 110, 50);
  legend(
    ctx,
    PLOT.left - 110,
    95,
    COLOURS.claimedLine,
    `Claimed ${formatPence(last?.claimedPence ?? 0)}`,
  );
  legend(
    ctx,
    PLOT.left + 330,
    95,
    COLOURS.verifiedLine,
    `Verified ${formatPence(last?.verifiedPence ?? 0)}`,
  );

  ctx.font = `22px ${FONT_FAMILY}`;
  ctx.strokeStyle = COLOURS.grid;
  ctx.lineWidth = 2;
  for (let step = 0; step <= 4; step += 1) {
    const value = (top * step) / 4;
    const at = y(value);
    line(ctx, PLOT.left, at, PLOT.right, at);
    ctx.fillStyle = COLOURS.muted;
    ctx.textAlign = 'right';
    ctx.fillText(formatPoundsShort(value), PLOT.left - 16, at + 8);
  }

  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  ctx.textAlign = 'center';
  points.forEach((point, index) => {
    if (index % labelEvery !== 0 && index !== points.length - 1) return;
    ctx.fillStyle = COLOURS.muted;
    ctx.fillText(formatMonthShort(point.month), x(index), PLOT.bottom + 40);
  });

  const plot: Plot = { ctx, points, x, y };
  area(plot, (p) => p.claimedPence, COLOURS.claimedFill);
  area(plot, (p) => p.verifiedPence, COLOURS.verifiedFill);
  series(plot, (p) => p.claimedPence, COLOURS.claimedLine);
  series(plot, (p) => p.verifiedPence, COLOURS.verifiedLine);

  const first = points[0];
  const alt =
    first && last
      ? `Cumulative savings from ${formatMonth(first.month)} to ${formatMonth(last.month)}: ` +
        `${formatPence(last.claimedPence)} claimed, ${formatPence(last.verifiedPence)} verified.`
      : 'No savings yet.';
  return {
    cid: 'cumulative-savings@accord',
    filename: 'cumulative-savings.png',
    content: await image.encode('png'),
    width: WIDTH,
    height: HEIGHT,
    alt,
  };
}

type Context = SKRSContext2D;

function legend(ctx: Context, left: number, baseline: number, colour: string, text: string): void {
  ctx.fillStyle = colour;
  ctx.fillRect(left, baseline - 20, 24, 24);
  ctx.fillStyle = COLOURS.text;
  ctx.font = `24px ${FONT_FAMILY}`;
  ctx.textAlign = 'left';
  ctx.fillText(text, left + 36, baseline);
}

function line(ctx: Context, x1: number, y1: number, x2: number, y2: number): void {
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2, y2);
  ctx.stroke();
}

/** The points on the canvas: `x` places a point by its index, `y` a figure in pence. */
type Plot = Readonly<{
  ctx: Context;
  points: readonly CumulativePoint[];
  x: (index: number) => number;
  y: (pence: number) => number;
}>;

function area(
  { ctx, points, x, y }: Plot,
  value: (point: CumulativePoint) => number,
  colour: string,
): void {
  if (points.length < 2) return;
  ctx.fillStyle = colour;
  ctx.beginPath();
  ctx.moveTo(x(0), y(0));
  points.forEach((point, index) => {
    ctx.lineTo(x(index), y(value(point)));
  });
  ctx.lineTo(x(points.length - 1), y(0));
  ctx.closePath();
  ctx.fill();
}

function series(
  { ctx, points, x, y }: Plot,
  value: (point: CumulativePoint) => number,
  colour: string,
): void {
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 5;
  if (points.length > 1) {
    ctx.beginPath();
    points.forEach((point, index) => {
      if (index === 0) ctx.moveTo(x(index), y(value(point)));
      else ctx.lineTo(x(index), y(value(point)));
    });
    ctx.stroke();
  }
  if (points.length <= 24) {
    points.forEach((point, index) => {
      ctx.beginPath();
      ctx.arc(x(index), y(value(point)), 7, 0, Math.PI * 2);
      ctx.fill();
    });
  }
}

/** The smallest of 1, 2, 2.5 or 5 times a power of ten at or above the value: gridlines read £1k, £2k… */
function niceStep(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}
