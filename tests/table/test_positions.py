from nianbao.table.positions import cluster_positions


def test_cluster_positions_merges_near_duplicates():
    assert cluster_positions([10, 12, 50, 51, 52, 100], tolerance=4) == [11, 51, 100]
