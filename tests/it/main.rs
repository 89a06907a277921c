//! The one integration-test binary: the library against real documents and local servers.

mod ixbrl_arelle;
