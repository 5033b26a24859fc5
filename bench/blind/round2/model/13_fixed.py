def relative_error_loss(y_true, y_pred):
    y_true = ops.cast(y_true, y_pred.dtype)
    err = ops.abs(y_true - y_pred) / ops.maximum(ops.abs(y_true), 1.0)
    return ops.mean(err, axis=-1)


def build_forecaster(n_items, n_stores, n_numeric):
    item_in = keras.Input(shape=(1,), dtype="int32", name="item_id")
    store_in = keras.Input(shape=(1,), dtype="int32", name="store_id")
    num_in = keras.Input(shape=(n_numeric,), name="numeric")
    item_vec = layers.Flatten()(layers.Embedding(n_items, 16)(item_in))
    store_vec = layers.Flatten()(layers.Embedding(n_stores, 4)(store_in))
    x = layers.Concatenate()([item_vec, store_vec, num_in])
    x = layers.Dense(128, activation="relu")(x)
    x = layers.Dense(64, activation="relu")(x)
    units = layers.Dense(1, activation="softplus", name="units")(x)
    return keras.Model([item_in, store_in, num_in], units)


sales = pd.read_parquet(DATA_ROOT / "sales_daily.parquet")
sales = sales.fillna({"units_sold": 0, "promo": 0, "lag_7": 0, "lag_28": 0, "rolling_mean_28": 0})
sales = sales.sort_values("date")
for col in ("lag_7", "lag_28", "rolling_mean_28"):
    sales[col] = np.log1p(sales[col].clip(lower=0))
sales["dow_sin"] = np.sin(2 * np.pi * sales["date"].dt.dayofweek / 7)
sales["dow_cos"] = np.cos(2 * np.pi * sales["date"].dt.dayofweek / 7)
NUMERIC = ["promo", "price_ratio", "lag_7", "lag_28", "rolling_mean_28", "dow_sin", "dow_cos"]

cutoff = sales["date"].max() - pd.Timedelta(days=28)
train, valid = sales[sales["date"] <= cutoff], sales[sales["date"] > cutoff]


def to_inputs(frame):
    return [
        frame["item_idx"].to_numpy("int32"),
        frame["store_idx"].to_numpy("int32"),
        frame[NUMERIC].to_numpy("float32"),
    ]


model = build_forecaster(sales["item_idx"].max() + 1, sales["store_idx"].max() + 1, len(NUMERIC))
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss=relative_error_loss,
    metrics=["mae"],
)
model.fit(
    to_inputs(train),
    train["units_sold"].to_numpy("float32"),
    validation_data=(to_inputs(valid), valid["units_sold"].to_numpy("float32")),
    batch_size=1024,
    epochs=20,
)
