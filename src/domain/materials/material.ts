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

export interface MaterialRepository {
  create(
    m: Pick<Material, 'title' | 'kind' | 'body' | 'status' | 'createdBy' | 'approvedBy' | 'approvedAt'>,
    now: Date,
  ): Promise<Material>;
  get(id: number): Promise<Material | undefined>;
  list(filter: { approvedOnly: boolean; limit: number }): Promise<Material[]>;
  /** Conditional `WHERE status = 'draft'`: approving twice changes nothing. */
  approve(id: number, by: string, at: Date): Promise<boolean>;
}

/** This feature's part of the transaction: its repositories, bound to the one database transaction of a user action. */
declare module '../shared/tx.js' {
  interface Tx {
    materials: MaterialRepository;
  }
}
