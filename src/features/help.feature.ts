import { helpFeature } from '../bot/features/help.js';
import { defineFeature } from './feature.js';

/** 帮助 and the menu: tried first, so a menu button becomes its command before any feature looks. */
export const help = defineFeature({
  name: 'help',
  routers: [helpFeature],
});
