/** Approved material (R-INFO-1): policies and the project's pitch that agents may hand out. */
export const MATERIAL_KINDS = ['text', 'link', 'file'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export type MaterialStatus = 'draft' | 'approved';

export interface Material {
  id: number;
  title: string;
  kind: MaterialKind;
  /** The text itself, or the URL of the link / of the file in the company's cloud storage. */
  body: string;
  status: MaterialStatus;
  createdBy: string;
  approvedBy: string | null;
  approvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}
