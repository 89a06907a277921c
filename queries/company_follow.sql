INSERT INTO companies (ticker, name, cik, fiscal_year_end, filer_kind, followed, origin)
VALUES ($1, $2, $3, $4, $5, 1, 'follow')
ON CONFLICT (ticker) DO UPDATE SET
    name = excluded.name,
    cik = excluded.cik,
    fiscal_year_end = excluded.fiscal_year_end,
    filer_kind = excluded.filer_kind,
    followed = 1
