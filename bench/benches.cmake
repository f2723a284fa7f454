udma_add_bench(initiation bench_initiation.cpp)
udma_add_bench(sim bench_sim.cpp)
udma_add_bench(mover bench_mover.cpp)
