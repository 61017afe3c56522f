/** The largest id a row can have: ids are 32-bit integers (PostgreSQL `integer`) on both databases. */
export const MAX_ROW_ID = 2_147_483_647;
