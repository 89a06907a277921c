SELECT etag, last_modified FROM crawl_state WHERE url = ?1
