# Catch2 test executables, one per area. Each case becomes a CTest test.
udma_add_catch_test(test_initiation test_initiation.cpp)
