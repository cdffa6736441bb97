using System.Text;
using Workbench.Heaps;

namespace Workbench.Experiments.Heaps;

/// <summary>Prints a small implicit d-ary heap two ways: as the array it is, and as the tree it encodes (node i has children d·i+1 .. d·i+d).</summary>
public static class HeapPrinter
{
    /// <summary>One line: <c>[0]=3 [1]=14 ...</c>, slot index and priority; with <paramref name="d"/>, a bar between the children groups of consecutive parents.</summary>
    public static string Array(IReadOnlyList<HeapEntry> slots, int d)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < slots.Count; i++)
        {
            if (i > 0) sb.Append(i % d == 1 || d == 1 ? " | " : " ");
            sb.Append('[').Append(i).Append("]=").Append(slots[i].Priority);
        }
        return sb.ToString();
    }

    /// <summary>The tree, one node per line, indented by depth: <c>priority (slot i)</c>.</summary>
    public static string Tree(IReadOnlyList<HeapEntry> slots, int d)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 2);
        var sb = new StringBuilder();
        void Walk(int i, string indent, bool last, bool root)
        {
            sb.Append(indent).Append(root ? "" : last ? "└─ " : "├─ ").Append(slots[i].Priority).Append("  (slot ").Append(i).Append(")\n");
            string childIndent = root ? "" : indent + (last ? "   " : "│  ");
            int first = d * i + 1, end = Math.Min(first + d, slots.Count);
            for (int c = first; c < end; c++) Walk(c, childIndent, c == end - 1, false);
        }
        if (slots.Count > 0) Walk(0, "", true, true);
        return sb.ToString();
    }
}
