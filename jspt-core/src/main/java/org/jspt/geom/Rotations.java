package org.jspt.geom;

/** Small 3×3 rotation utilities: projection onto SO(3) and the chordal L2 mean of rotations. */
public final class Rotations {
    private Rotations() {}

    /**
     * The rotation nearest to {@code m} in the Frobenius norm (the orthogonal polar factor, with det +1):
     * R = U·diag(1, 1, det(U·Vᵀ))·Vᵀ from the SVD m = U·S·Vᵀ, computed via the eigenvectors of mᵀm.
     */
    public static double[][] nearestRotation(double[][] m) {
        double[][] mtm = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) mtm[i][j] += m[k][i] * m[k][j];
        double[] eval = new double[3];
        double[][] v = jacobiEigen(mtm, eval); // columns are eigenvectors, eigenvalues descending
        double[][] u = new double[3][3];
        for (int c = 0; c < 3; c++) {
            double s = Math.sqrt(Math.max(eval[c], 0));
            double[] col = new double[3];
            for (int r = 0; r < 3; r++) col[r] = m[r][0] * v[0][c] + m[r][1] * v[1][c] + m[r][2] * v[2][c];
            if (s > 1e-12 * Math.sqrt(Math.max(eval[0], 1e-300))) for (int r = 0; r < 3; r++) u[r][c] = col[r] / s;
            else {
                // Degenerate singular value: complete U with the cross product of the other columns.
                int a = (c + 1) % 3, b = (c + 2) % 3;
                u[0][c] = u[1][a] * u[2][b] - u[2][a] * u[1][b];
                u[1][c] = u[2][a] * u[0][b] - u[0][a] * u[2][b];
                u[2][c] = u[0][a] * u[1][b] - u[1][a] * u[0][b];
            }
        }
        double d = det(u) * det(v);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i][j] = u[i][0] * v[j][0] + u[i][1] * v[j][1] + (d < 0 ? -1 : 1) * u[i][2] * v[j][2];
        return r;
    }

    /** Chordal L2 mean: the rotation nearest to the arithmetic mean of the matrices. */
    public static double[][] chordalMean(java.util.List<double[][]> rotations) {
        if (rotations.isEmpty()) throw new IllegalArgumentException("no rotations to average");
        double[][] s = new double[3][3];
        for (double[][] r : rotations) for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) s[i][j] += r[i][j];
        return nearestRotation(s);
    }

    public static double det(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    /** Eigen-decomposition of a symmetric 3×3 matrix by cyclic Jacobi rotations; eigenvalues sorted descending. */
    static double[][] jacobiEigen(double[][] sym, double[] eigenvalues) {
        double[][] a = {sym[0].clone(), sym[1].clone(), sym[2].clone()};
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
            if (off < 1e-15 * (Math.abs(a[0][0]) + Math.abs(a[1][1]) + Math.abs(a[2][2]) + 1e-300)) break;
            for (int p = 0; p < 2; p++)
                for (int q = p + 1; q < 3; q++) {
                    if (a[p][q] == 0) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < 3; k++) { // A ← Jᵀ A J
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][p], vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
        }
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
        double[][] sorted = new double[3][3];
        for (int c = 0; c < 3; c++) {
            eigenvalues[c] = a[order[c]][order[c]];
            for (int r = 0; r < 3; r++) sorted[r][c] = v[r][order[c]];
        }
        return sorted;
    }
}
