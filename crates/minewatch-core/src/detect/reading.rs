//! The two sides of a rule in one quarter: what must overtake (HPC, under the miners' rule) and
//! what it must overtake (the bitcoin side).

/// The rising and the falling side of one quarter; `None` where no line of a side was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub rising: Option<i64>,
    pub falling: Option<i64>,
}

impl Reading {
    /// The rising side exceeds a reported falling side. Without a falling line the comparison is
    /// not made: a missing line is more often a reading gap than a business that stopped.
    pub fn crossed(self) -> bool {
        matches!((self.rising, self.falling), (Some(rising), Some(falling)) if rising > falling)
    }

    /// The falling side is reported and the rising side does not exceed it (or is absent).
    pub fn behind(self) -> bool {
        self.falling.is_some_and(|falling| self.rising.unwrap_or(0) <= falling)
    }

    /// The rising side's share of both sides, absent lines counting as zero (0 when both are).
    pub fn share(self) -> f64 {
        let (rising, falling) = (self.rising.unwrap_or(0), self.falling.unwrap_or(0));
        let total = rising.saturating_add(falling);
        if total <= 0 { 0.0 } else { rising as f64 / total as f64 }
    }
}
