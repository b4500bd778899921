/**
 * The monthly report draft's stylesheet as a file (/desk/figures/report.css): the same text the
 * API's HTML draft carries in its `<style>` (functions/domain/figures/report-html.ts), served here
 * for the desk's report page, which the content security policy allows no inline style.
 */
import type { APIRoute } from 'astro';
import { reportStyleSheet } from '../../../../../functions/domain/figures/report-html.ts';

export const GET: APIRoute = () =>
  new Response(reportStyleSheet, { headers: { 'content-type': 'text/css; charset=utf-8' } });
