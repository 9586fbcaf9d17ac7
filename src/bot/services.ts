import type { AppConfig } from '../config.js';
import type { MemberService } from '../domain/members/member.service.js';
import type { Clock } from '../domain/shared/clock.js';
import type { Menu } from './menu.js';

/** The domain services features call. Built in app.ts; features add theirs here. */
export interface Services {
  members: MemberService;
}

export interface FeatureDeps {
  services: Services;
  menu: Menu;
  config: AppConfig;
  clock: Clock;
}
