/// One step of a line diff between expected patterns and actual lines.
enum DiffOp: Equatable, Sendable {
    /// Expected line `expected` matches actual line `actual`.
    case same(expected: Int, actual: Int)
    /// Expected line `expected` has no counterpart in the actual output.
    case removed(expected: Int)
    /// Actual line `actual` was not expected.
    case added(actual: Int)
}

/// A longest-common-subsequence line diff, where "equal" means "the pattern matches".
///
/// Used per command block, which is small, so a plain dynamic-programming table is fine; the
/// common head and tail are trimmed first, and a block too large for the table falls back to
/// "all expected removed, all actual added" so the time and memory stay bounded.
enum LineDiff {
    /// The most table cells the diff will allocate for one block.
    static let cellLimit = 4_000_000

    /// The diff of `expected` against `actual`, in order; removals come before additions in a
    /// changed run, as in `diff -u`.
    static func diff(expected: [Pattern], actual: [String]) -> [DiffOp] {
        var head = 0
        while head < expected.count, head < actual.count, expected[head].matches(actual[head]) { head += 1 }
        var tail = 0
        while tail < expected.count - head, tail < actual.count - head,
            expected[expected.count - 1 - tail].matches(actual[actual.count - 1 - tail])
        {
            tail += 1
        }
        var ops: [DiffOp] = (0..<head).map { .same(expected: $0, actual: $0) }
        ops += middle(
            expected: expected, actual: actual, from: head,
            expectedEnd: expected.count - tail, actualEnd: actual.count - tail)
        for offset in (0..<tail).reversed() {
            ops.append(.same(expected: expected.count - 1 - offset, actual: actual.count - 1 - offset))
        }
        return ops
    }

    /// The diff of expected[start..<expectedEnd] against actual[start..<actualEnd].
    private static func middle(
        expected: [Pattern], actual: [String], from start: Int, expectedEnd: Int, actualEnd: Int
    ) -> [DiffOp] {
        let rows = expectedEnd - start
        let columns = actualEnd - start
        if rows == 0 || columns == 0 || (rows + 1) * (columns + 1) > cellLimit {
            let removed = (start..<expectedEnd).map { DiffOp.removed(expected: $0) }
            return removed + (start..<actualEnd).map { .added(actual: $0) }
        }
        // lcs[i * width + j]: length of the LCS of expected[start+i...] and actual[start+j...].
        let width = columns + 1
        var lcs = [Int32](repeating: 0, count: (rows + 1) * width)
        var matched = [Bool](repeating: false, count: rows * columns)
        for i in (0..<rows).reversed() {
            for j in (0..<columns).reversed() {
                if expected[start + i].matches(actual[start + j]) {
                    matched[i * columns + j] = true
                    lcs[i * width + j] = lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[i * width + j] = max(lcs[(i + 1) * width + j], lcs[i * width + j + 1])
                }
            }
        }
        var ops: [DiffOp] = []
        var i = 0
        var j = 0
        while i < rows, j < columns {
            if matched[i * columns + j], lcs[i * width + j] == lcs[(i + 1) * width + j + 1] + 1 {
                ops.append(.same(expected: start + i, actual: start + j))
                i += 1
                j += 1
            } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
                ops.append(.removed(expected: start + i))
                i += 1
            } else {
                ops.append(.added(actual: start + j))
                j += 1
            }
        }
        while i < rows {
            ops.append(.removed(expected: start + i))
            i += 1
        }
        while j < columns {
            ops.append(.added(actual: start + j))
            j += 1
        }
        return ops
    }

    /// How many mismatches a diff holds: in each run of changes, the larger of the lines removed
    /// and the lines added, so one changed value counts once and one extra line counts once.
    static func mismatches(in ops: [DiffOp]) -> Int {
        var total = 0
        var removed = 0
        var added = 0
        for op in ops {
            switch op {
            case .same:
                total += max(removed, added)
                removed = 0
                added = 0
            case .removed: removed += 1
            case .added: added += 1
            }
        }
        return total + max(removed, added)
    }
}
