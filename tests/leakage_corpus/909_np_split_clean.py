# expect: clean
import numpy as np
import pandas as pd
from sklearn.preprocessing import PowerTransformer

df = pd.read_csv("abalone.csv")
train, validate, test = np.split(df.sample(frac=1, random_state=42), [int(0.6 * len(df)), int(0.8 * len(df))])
pt = PowerTransformer().fit(train[["length", "weight"]])
test_t = pt.transform(test[["length", "weight"]])
