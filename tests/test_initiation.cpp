// Initiation engine: per-method sequences, deviations, paper figures, bad input.
#include <catch2/catch.hpp>

#include "Vudma_initiator.h"
#include "axil_host.hpp"
#include "udma/window.hpp"

using udma::tb::AxilHost;
using udma::tb::AxiResp;
using udma::tb::Sim;

TEST_CASE("shrimp pair launches one descriptor", "[initiation][shrimp]") {
    Sim<Vudma_initiator> sim(7);
    auto& t = sim.top();
    t.desc_ready = 0;
    sim.reset();
    AxilHost<Vudma_initiator> host(sim);
    const udma::WindowGeometry w;
    REQUIRE(host.store(w.kernel(UDMA_KREG_METHOD), UDMA_M_SHRIMP).resp == AxiResp::Okay);
    REQUIRE(host.store(w.shadow(0x2000'1008), 100).resp == AxiResp::Okay);
    auto r = host.load(w.shadow(0x1000'0010));
    CHECK(r.data == (UDMA_LD_STARTED | 0));
    sim.settle();
    CHECK(t.desc_valid == 1);
    CHECK(t.desc_src == 0x1000'0010u);
    CHECK(t.desc_dst == 0x2000'1008u);
    CHECK(t.desc_size == 100);
}
