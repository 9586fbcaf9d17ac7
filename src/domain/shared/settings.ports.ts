/** Small department-wide settings changed at run time (the bound group chat, the rotation's order…). */
export interface SettingRepository {
  get<T = unknown>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}
