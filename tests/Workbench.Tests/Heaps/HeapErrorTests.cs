using Workbench.Heaps;

namespace Workbench.Tests.Heaps;

/// <summary>Misuse gives a clear error naming what is wrong, never a wrong answer.</summary>
public class HeapErrorTests
{
    public static TheoryData<string> Addressable => [.. HeapCheck.AddressableNames];

    [Theory]
    [MemberData(nameof(Addressable))]
    [InlineData("reference")]
    public void Pop_and_peek_on_an_empty_heap_say_it_is_empty(string name)
    {
        IPriorityQueue heap = name == "reference" ? new ReferencePriorityQueue(4) : HeapCheck.Addressable(name, 4);
        Assert.Contains("is empty", Assert.Throws<InvalidOperationException>(() => heap.Pop(out _)).Message);
        Assert.Contains("is empty", Assert.Throws<InvalidOperationException>(() => heap.Peek(out _)).Message);
    }

    [Theory]
    [InlineData("d2")]
    [InlineData("d4")]
    [InlineData("d8")]
    public void Plain_heap_pop_on_empty_says_it_is_empty(string name)
    {
        var heap = HeapCheck.Plain(name);
        heap.Push(1, 5);
        heap.Pop(out _);
        Assert.Contains("DaryHeap is empty", Assert.Throws<InvalidOperationException>(() => heap.Pop(out _)).Message);
    }

    [Theory]
    [MemberData(nameof(Addressable))]
    public void Decrease_key_to_a_larger_priority_names_the_priority(string name)
    {
        var heap = HeapCheck.Addressable(name, 4);
        heap.Push(2, 10);
        var e = Assert.ThrowsAny<ArgumentException>(() => heap.DecreaseKey(2, 11));
        Assert.Equal("priority", e.ParamName);
        Assert.Contains("has priority 10, got 11", e.Message);
        Assert.Equal(10, heap.PriorityOf(2));
    }

    [Theory]
    [MemberData(nameof(Addressable))]
    public void Unknown_duplicate_or_out_of_range_ids_name_the_id(string name)
    {
        var heap = HeapCheck.Addressable(name, 4);
        heap.Push(1, 3);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => heap.DecreaseKey(0, 1)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => heap.Push(1, 2)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => heap.Push(4, 2)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => heap.Push(-1, 2)).ParamName);
        Assert.Equal("id", Assert.ThrowsAny<ArgumentException>(() => heap.PriorityOf(3)).ParamName);
    }

    [Fact]
    public void The_slot_array_puts_the_roots_children_at_the_start_of_a_cache_line()
    {
        for (int i = 0; i < 20; i++)
        {
            var storage = new HeapStorage(100 + i);
            Assert.Equal(0, storage.AddressOf(1) % HeapStorage.LineBytes);
        }
    }
}
