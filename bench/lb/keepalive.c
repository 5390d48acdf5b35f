#define _GNU_SOURCE
/* A tiny HTTP/1.1 keep-alive server for the load balancer benchmark: answers every request on a connection with a
 * fixed 200 (pipelining tolerated), one epoll loop per thread on SO_REUSEPORT sockets. Built statically into a
 * FROM scratch image by bench/Satama.Bench (LbBench). Usage: keepalive [PORT] [THREADS] */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <fcntl.h>

static const char RESPONSE[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nhello world!\n";
static int port = 8080;

static int listener(void) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 4096)) { _exit(1); }
    return fd;
}

static void *serve(void *unused) {
    (void)unused;
    int lfd = listener(), ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd}, events[256];
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    char buf[16384];
    for (;;) {
        int n = epoll_wait(ep, events, 256, -1);
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == lfd) {
                int c;
                while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event cev = {.events = EPOLLIN, .data.fd = c};
                    epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
                }
                continue;
            }
            ssize_t r = read(fd, buf, sizeof buf);
            if (r <= 0) {
                if (r < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                close(fd);
                continue;
            }
            /* One answer per request head in what was read (requests carry no body here). */
            int requests = 0;
            for (ssize_t j = 3; j < r; j++) {
                if (buf[j] == '\n' && buf[j - 1] == '\r' && buf[j - 2] == '\n' && buf[j - 3] == '\r') requests++;
            }
            if (requests == 0) requests = 1;
            for (int k = 0; k < requests; k++) {
                if (write(fd, RESPONSE, sizeof RESPONSE - 1) < 0) { close(fd); break; }
            }
        }
    }
    return NULL;
}

static void stop(int sig) { (void)sig; _exit(0); }

int main(int argc, char **argv) {
    if (argc > 1) port = atoi(argv[1]);
    int threads = argc > 2 ? atoi(argv[2]) : 1;
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    signal(SIGPIPE, SIG_IGN);
    for (int t = 1; t < threads; t++) {
        pthread_t id;
        pthread_create(&id, NULL, serve, NULL);
    }
    serve(NULL);
    return 0;
}
