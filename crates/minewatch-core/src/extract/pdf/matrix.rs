//! Affine transforms, as PDF composes them (`cm`, `Tm`, a Form's `/Matrix`).
//!
//! Where text lands on the page is the product of the text matrix, the current transformation
//! matrix and any Form XObject matrices; getting their order right is what puts columns in
//! the right place.

use lopdf::Object;

use super::font::number;

/// An affine transform `[a b c d e f]`, PDF's row-vector convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f64; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    pub fn new(m: [f64; 6]) -> Matrix {
        Matrix(m)
    }

    pub fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    /// `self` applied first, then `then`.
    pub fn then(self, then: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// Reads six number operands.
    pub fn from_operands(operands: &[Object]) -> Option<Matrix> {
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(operands) {
            *slot = number(o)?;
        }
        (operands.len() >= 6 && m.iter().all(|v| v.is_finite())).then_some(Matrix(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = Matrix::new([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 5.0);
        assert_eq!(scale.then(shift).apply(1.0, 1.0), (12.0, 7.0));
        assert_eq!(shift.then(scale).apply(1.0, 1.0), (22.0, 12.0));
        let rotate = Matrix::new([0.0, 1.0, -1.0, 0.0, 0.0, 0.0]);
        assert_eq!(rotate.apply(1.0, 0.0), (0.0, 1.0));
    }
}
