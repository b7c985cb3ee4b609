package dev.palisade.server;

import dev.palisade.server.tls.ReloadingSslContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The Netty side of the server: per connection [TLS] → HTTP/1.1 codec → a body aggregator bounded
 * at the body limit (a larger body is refused with 413 before it is buffered) → a handler that
 * turns the request into an {@link HttpRequest} and hands it to the {@link Dispatcher}. Event-loop
 * threads never run a handler; they only decode and encode.
 */
final class NettyTransport {
    private static final AttributeKey<List<X509Certificate>> PEER = AttributeKey.valueOf("palisade.peer");

    private NettyTransport() {}

    static ServerBootstrap bootstrap(EventLoopGroup boss, EventLoopGroup io, ChannelGroup channels,
                                     ReloadingSslContext tls, int maxBody, Dispatcher dispatcher, BooleanSupplier draining) {
        return new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        // a connection with no traffic for 2 minutes is closed (the apiserver's idle
                        // webhook connections come back within 90 s)
                        p.addLast("idle", new IdleStateHandler(0, 0, 120, TimeUnit.SECONDS));
                        if (tls == null) {
                            http1(p, maxBody, dispatcher, draining);
                            return;
                        }
                        p.addLast("tls", tls.current().newHandler(ch.alloc()));
                        // ALPN: h2 when the client offers it (Go's client, so the apiserver's webhook
                        // client, does), else HTTP/1.1
                        p.addLast("alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                            @Override
                            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                                    http2(ctx.pipeline(), maxBody, dispatcher, draining);
                                } else {
                                    http1(ctx.pipeline(), maxBody, dispatcher, draining);
                                }
                            }
                        });
                    }
                });
    }

    private static void http1(ChannelPipeline p, int maxBody, Dispatcher dispatcher, BooleanSupplier draining) {
        p.addLast("http", new HttpServerCodec(4096, 16 * 1024, 16 * 1024));
        p.addLast("body", new BoundedAggregator(maxBody, dispatcher));
        p.addLast("palisade", new RequestHandler(dispatcher, draining));
    }

    /** Each HTTP/2 stream becomes a child channel with the same body limit and handler as HTTP/1.1. */
    private static void http2(ChannelPipeline p, int maxBody, Dispatcher dispatcher, BooleanSupplier draining) {
        p.addLast("h2", Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxHeaderListSize(16 * 1024).maxConcurrentStreams(250))
                .build());
        p.addLast("streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                stream.pipeline().addLast(new BoundedAggregator(maxBody, dispatcher));
                stream.pipeline().addLast(new RequestHandler(dispatcher, draining));
            }
        }));
        p.addLast("idle-close", new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
                if (event instanceof IdleStateEvent) {
                    ctx.close();
                } else {
                    super.userEventTriggered(ctx, event);
                }
            }
        });
    }

    /** Refuses a body over the limit with a 413 Status and closes the connection. */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private final int maxBody;
        private final Dispatcher dispatcher;

        BoundedAggregator(int maxBody, Dispatcher dispatcher) {
            super(maxBody);
            this.maxBody = maxBody;
            this.dispatcher = dispatcher;
        }

        /**
         * As Netty's own: the connection is closed unless the client can still be answered on it
         * (keep-alive, body still arriving), in which case the rest of the body is read and
         * discarded, never buffered, so that the client sees the 413 instead of a reset.
         */
        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            HttpResponse status = KubeStatus.tooLarge("the request body is larger than the limit of " + maxBody + " bytes");
            boolean keepOpen = !(oversized instanceof FullHttpMessage)
                    && (HttpUtil.is100ContinueExpected(oversized) || HttpUtil.isKeepAlive(oversized));
            // counted before it is written, so that a client that reads the answer then asks /metrics sees it
            if (oversized instanceof io.netty.handler.codec.http.HttpRequest r) {
                String uri = r.uri();
                int q = uri.indexOf('?');
                dispatcher.refused(r.method().name(), q < 0 ? uri : uri.substring(0, q), remote(ctx.channel()),
                        HttpUtil.getContentLength(oversized, -1L), status);
            }
            write(ctx, status, keepOpen);
        }
    }

    /**
     * Turns each request into an {@link HttpRequest} and dispatches it. Requests of one connection
     * are answered one at a time, in order: a pipelining client's next request waits (up to
     * {@link #MAX_PIPELINED}) until the previous answer is written. Runs on the channel's event loop.
     */
    private static final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private static final int MAX_PIPELINED = 16;

        private record Pending(HttpRequest request, boolean keepAlive) {}

        private final Dispatcher dispatcher;
        private final BooleanSupplier draining;
        private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        private boolean busy;

        RequestHandler(Dispatcher dispatcher, BooleanSupplier draining) {
            this.dispatcher = dispatcher;
            this.draining = draining;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
            if (!msg.decoderResult().isSuccess()) {
                HttpResponse status = KubeStatus.badRequest("malformed HTTP request");
                dispatcher.refused(msg.method().name(), "(malformed)", remote(ctx.channel()), msg.content().readableBytes(), status);
                write(ctx, status, false);
                return;
            }
            byte[] body = new byte[msg.content().readableBytes()];
            msg.content().readBytes(body);
            String uri = msg.uri();
            int q = uri.indexOf('?');
            Map<String, List<String>> headers = new HashMap<>();
            msg.headers().forEach(e -> headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(e.getValue()));
            HttpRequest request = new HttpRequest(msg.method().name(), q < 0 ? uri : uri.substring(0, q),
                    q < 0 ? "" : uri.substring(q + 1), headers, body, peer(ctx), remote(ctx.channel()));
            Pending next = new Pending(request, HttpUtil.isKeepAlive(msg));
            if (!busy) {
                start(ctx, next);
            } else if (waiting.size() < MAX_PIPELINED) {
                waiting.add(next);
            } else {
                ctx.close();
            }
        }

        private void start(ChannelHandlerContext ctx, Pending p) {
            busy = true;
            dispatcher.dispatch(p.request(), response -> {
                if (ctx.executor().inEventLoop()) {
                    finish(ctx, p, response);
                } else {
                    ctx.executor().execute(() -> finish(ctx, p, response));
                }
            });
        }

        private void finish(ChannelHandlerContext ctx, Pending p, HttpResponse response) {
            boolean keepAlive = p.keepAlive() && !draining.getAsBoolean() && ctx.channel().isActive();
            write(ctx, response, keepAlive);
            busy = false;
            Pending next = keepAlive ? waiting.poll() : null;
            if (next != null) {
                start(ctx, next);
            } else if (!keepAlive) {
                waiting.clear();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            waiting.clear();
            super.channelInactive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent && !busy) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // TLS handshake failures (an unknown client CA), resets: the connection ends, the server goes on
            ctx.close();
        }
    }

    static void write(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        response.headers().forEach((k, v) -> out.headers().set(k, v));
        if (!keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(out);
        }
    }

    private static List<X509Certificate> peer(ChannelHandlerContext ctx) {
        // an HTTP/2 stream's TLS is its connection's
        Channel ch = ctx.channel() instanceof Http2StreamChannel stream ? stream.parent() : ctx.channel();
        List<X509Certificate> known = ch.attr(PEER).get();
        if (known != null) {
            return known;
        }
        List<X509Certificate> certs = new ArrayList<>();
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl != null) {
            try {
                for (Certificate c : ssl.engine().getSession().getPeerCertificates()) {
                    if (c instanceof X509Certificate x) {
                        certs.add(x);
                    }
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate: an empty chain
            }
        }
        List<X509Certificate> out = List.copyOf(certs);
        ch.attr(PEER).set(out);
        return out;
    }

    private static String remote(Channel ch) {
        return ch.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(ch.remoteAddress());
    }
}
