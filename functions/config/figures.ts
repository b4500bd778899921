/**
 * The centre's figure settings (figures.json, beside centre.json), validated when first read: a
 * bad key or value stops the function with an error naming it.
 */
import { type FigureSettings, parseFigureSettings } from '../domain/figures/settings.ts';
import raw from './figures.json' with { type: 'json' };

let settings: FigureSettings | undefined;

export function figureSettings(): FigureSettings {
  settings ??= parseFigureSettings(raw, 'functions/config/figures.json');
  return settings;
}
